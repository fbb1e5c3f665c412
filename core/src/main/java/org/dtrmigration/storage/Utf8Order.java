package org.dtrmigration.storage;

import java.util.Comparator;

/**
 * Orders keys as S3 and Azure list them: by their UTF-8 bytes. Comparing code points gives the same
 * order without encoding; Java's {@link String#compareTo} compares UTF-16 units, which sorts characters
 * above U+FFFF before U+E000..U+FFFF and so disagrees with the servers.
 */
public final class Utf8Order {

    public static final Comparator<String> COMPARATOR = Utf8Order::compare;

    private Utf8Order() {
    }

    public static int compare(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x == y) {
                continue;
            }
            // Differing units: surrogates (code points above U+FFFF) sort after every BMP character in UTF-8.
            boolean xs = Character.isSurrogate(x);
            boolean ys = Character.isSurrogate(y);
            if (xs != ys) {
                return xs ? 1 : -1;
            }
            return Character.compare(x, y);
        }
        return Integer.compare(a.length(), b.length());
    }
}
