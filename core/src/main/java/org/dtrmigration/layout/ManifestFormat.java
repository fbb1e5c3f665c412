package org.dtrmigration.layout;

/** Which family of media types an image is written with. */
public enum ManifestFormat {
    /** Docker image manifest v2 schema 2 and manifest list, what DTR/MSR clients push. */
    DOCKER(MediaTypes.DOCKER_MANIFEST_V2, MediaTypes.DOCKER_MANIFEST_LIST, MediaTypes.DOCKER_CONFIG, MediaTypes.DOCKER_LAYER_GZIP),
    /** OCI image manifest and index. */
    OCI(MediaTypes.OCI_MANIFEST, MediaTypes.OCI_INDEX, MediaTypes.OCI_CONFIG, MediaTypes.OCI_LAYER_GZIP);

    private final String manifestType;
    private final String indexType;
    private final String configType;
    private final String layerType;

    ManifestFormat(String manifestType, String indexType, String configType, String layerType) {
        this.manifestType = manifestType;
        this.indexType = indexType;
        this.configType = configType;
        this.layerType = layerType;
    }

    public String manifestType() {
        return manifestType;
    }

    public String indexType() {
        return indexType;
    }

    public String configType() {
        return configType;
    }

    public String layerType() {
        return layerType;
    }
}
