package org.dtrmigration.layout;

import java.io.IOException;

/** A manifest blob that is not a manifest this project understands (bad JSON, unknown schema). */
public class InvalidManifestException extends IOException {
    private static final long serialVersionUID = 1L;

    public InvalidManifestException(Digest digest, String problem) {
        super("manifest " + digest + ": " + problem);
    }
}
