package org.dtrmigration.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ManifestParsingTest {
    static final Digest SELF = Digest.of(new byte[] {1});
    static final Digest A = Digest.of(new byte[] {2});
    static final Digest B = Digest.of(new byte[] {3});

    static ManifestInfo parse(String json) throws InvalidManifestException {
        return RegistryTreeReader.parseManifest(SELF, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void ociManifestWithoutMediaTypeIsRecognisedByShape() throws Exception {
        ManifestInfo info = parse("{\"schemaVersion\":2,\"config\":{\"digest\":\"" + A + "\"},\"layers\":[{\"digest\":\"" + B + "\"}]}");
        assertThat(info.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
        assertThat(info.config()).isEqualTo(A);
        assertThat(info.layers()).containsExactly(B);
        assertThat(info.isIndex()).isFalse();
    }

    @Test
    void ociIndexWithoutMediaTypeIsRecognisedByShape() throws Exception {
        ManifestInfo info = parse("{\"schemaVersion\":2,\"manifests\":[{\"digest\":\"" + A + "\"},{\"digest\":\"" + B + "\"}]}");
        assertThat(info.isIndex()).isTrue();
        assertThat(info.manifests()).containsExactly(A, B);
        assertThat(info.config()).isNull();
    }

    @Test
    void schema1ListsFsLayers() throws Exception {
        ManifestInfo info = parse("{\"schemaVersion\":1,\"name\":\"app\",\"fsLayers\":[{\"blobSum\":\"" + A + "\"},{\"blobSum\":\"" + B + "\"}]}");
        assertThat(info.layers()).containsExactly(A, B);
        assertThat(info.config()).isNull();
    }

    @Test
    void rejectsWhatIsNotAManifest() {
        assertThatThrownBy(() -> parse("<html>")).isInstanceOf(InvalidManifestException.class).hasMessageContaining(SELF.toString());
        assertThatThrownBy(() -> parse("[1,2]")).isInstanceOf(InvalidManifestException.class);
        assertThatThrownBy(() -> parse("{\"schemaVersion\":3}")).isInstanceOf(InvalidManifestException.class);
        assertThatThrownBy(() -> parse("{\"schemaVersion\":2,\"layers\":[]}")).hasMessageContaining("without config");
        assertThatThrownBy(() -> parse("{\"schemaVersion\":2,\"config\":{\"digest\":\"sha256:nope\"},\"layers\":[]}"))
                .hasMessageContaining("'digest'");
    }
}
