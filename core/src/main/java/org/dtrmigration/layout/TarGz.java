package org.dtrmigration.layout;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Just enough tar and gzip to make real, deterministic layer blobs: a one-file ustar archive,
 * wrapped in gzip using uncompressed ("stored") deflate blocks. Stored blocks keep generation fast
 * and the bytes independent of the zlib version; the result is a valid .tar.gz any tool can read.
 */
final class TarGz {
    private static final int BLOCK = 512;
    private static final int MAX_STORED = 65_535;

    private TarGz() {
    }

    /** A ustar archive holding one regular file, mode 0644, mtime 0, root-owned. */
    static byte[] tar(String fileName, byte[] content) {
        byte[] nameBytes = fileName.getBytes(StandardCharsets.US_ASCII);
        if (nameBytes.length > 100) {
            throw new IllegalArgumentException("tar file name longer than 100 bytes: " + fileName);
        }
        int padded = (content.length + BLOCK - 1) / BLOCK * BLOCK;
        byte[] out = new byte[BLOCK + padded + 2 * BLOCK];
        System.arraycopy(nameBytes, 0, out, 0, nameBytes.length);
        octal(out, 100, 8, 0644);
        octal(out, 108, 8, 0);
        octal(out, 116, 8, 0);
        octal(out, 124, 12, content.length);
        octal(out, 136, 12, 0);
        for (int i = 148; i < 156; i++) {
            out[i] = ' '; // checksum is computed with its own field as spaces
        }
        out[156] = '0';
        ascii(out, 257, "ustar\0");
        ascii(out, 263, "00");
        ascii(out, 265, "root");
        ascii(out, 297, "root");
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += out[i] & 0xff;
        }
        octal(out, 148, 7, sum);
        out[155] = ' ';
        System.arraycopy(content, 0, out, BLOCK, content.length);
        return out;
    }

    /** Gzip with stored deflate blocks: header, blocks of at most 65535 bytes, CRC32 and size. */
    static byte[] gzipStored(byte[] data) {
        int blocks = Math.max(1, (data.length + MAX_STORED - 1) / MAX_STORED);
        ByteArrayOutputStream out = new ByteArrayOutputStream(10 + data.length + blocks * 5 + 8);
        out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff});
        int offset = 0;
        for (int b = 0; b < blocks; b++) {
            int len = Math.min(MAX_STORED, data.length - offset);
            out.write(b == blocks - 1 ? 1 : 0); // BFINAL bit, BTYPE=00 (stored), then byte-aligned
            out.write(len & 0xff);
            out.write(len >>> 8);
            out.write(~len & 0xff);
            out.write((~len >>> 8) & 0xff);
            out.write(data, offset, len);
            offset += len;
        }
        CRC32 crc = new CRC32();
        crc.update(data);
        writeIntLe(out, (int) crc.getValue());
        writeIntLe(out, data.length);
        return out.toByteArray();
    }

    private static void writeIntLe(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }

    private static void octal(byte[] buf, int offset, int width, long value) {
        String s = Long.toOctalString(value);
        int digits = width - 1;
        if (s.length() > digits) {
            throw new IllegalArgumentException("value too large for tar field: " + value);
        }
        int pad = digits - s.length();
        for (int i = 0; i < pad; i++) {
            buf[offset + i] = '0';
        }
        ascii(buf, offset + pad, s);
        buf[offset + digits] = 0;
    }

    private static void ascii(byte[] buf, int offset, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, buf, offset, b.length);
    }
}
