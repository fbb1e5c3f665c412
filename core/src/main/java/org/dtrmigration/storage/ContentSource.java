package org.dtrmigration.storage;

import java.io.IOException;
import java.io.InputStream;

/**
 * Content of known length that can be read again from the start: a file, or an immutable object in another
 * store. Lets a driver send a large object in one request without holding it in memory, and re-read it when
 * the request is retried or the body's hash is needed before it is sent.
 */
public interface ContentSource {

    /** The exact number of bytes every stream from {@link #open()} yields. */
    long length();

    /** A new stream from the first byte, checked as it streams where the caller can (a blob against its digest); the caller closes it. */
    InputStream open() throws IOException;

    /**
     * The same bytes again, without the checks {@link #open()} makes: for a store that has read {@link #open()} to the
     * end to hash the content, and has the server check this read against that hash (a signed Content-MD5), so a
     * second check would only cost another pass. By default {@link #open()}.
     */
    default InputStream reopen() throws IOException {
        return open();
    }

    static ContentSource of(long length, Opener opener) {
        return of(length, opener, opener);
    }

    /** @param unchecked what {@link #reopen()} opens: the same bytes as {@code checked}, without its checks */
    static ContentSource of(long length, Opener checked, Opener unchecked) {
        return new ContentSource() {
            @Override
            public long length() {
                return length;
            }

            @Override
            public InputStream open() throws IOException {
                return checked.open();
            }

            @Override
            public InputStream reopen() throws IOException {
                return unchecked.open();
            }
        };
    }

    @FunctionalInterface
    interface Opener {
        InputStream open() throws IOException;
    }
}
