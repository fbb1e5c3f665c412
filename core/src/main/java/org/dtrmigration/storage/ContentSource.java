package org.dtrmigration.storage;

import java.io.IOException;
import java.io.InputStream;

/**
 * Content of known length that can be read again from the start: a file, or an immutable object in another
 * store. Lets a driver send a large object in one request without holding it in memory, and re-read it when
 * the request is retried or the signature needs a pass over the body.
 */
public interface ContentSource {

    /** The exact number of bytes every stream from {@link #open()} yields. */
    long length();

    /** A new stream from the first byte; the caller closes it. */
    InputStream open() throws IOException;

    static ContentSource of(long length, Opener opener) {
        return new ContentSource() {
            @Override
            public long length() {
                return length;
            }

            @Override
            public InputStream open() throws IOException {
                return opener.open();
            }
        };
    }

    @FunctionalInterface
    interface Opener {
        InputStream open() throws IOException;
    }
}
