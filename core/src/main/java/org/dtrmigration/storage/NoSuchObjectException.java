package org.dtrmigration.storage;

import java.io.FileNotFoundException;

/** The key names no object in the store. */
public class NoSuchObjectException extends FileNotFoundException {
    private static final long serialVersionUID = 1L;

    public NoSuchObjectException(String store, String key) {
        super("no object '" + key + "' in " + store);
    }
}
