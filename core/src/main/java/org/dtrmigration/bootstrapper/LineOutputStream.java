package org.dtrmigration.bootstrapper;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * An output stream that hands each complete UTF-8 line (without its line end) to a consumer, and a
 * last unterminated line on {@link #close()}. Over-long lines are cut so that a process writing
 * binary to the wrong stream cannot exhaust memory.
 */
public final class LineOutputStream extends OutputStream {
    private static final int MAX_LINE = 16 * 1024;

    private final Consumer<String> lines;
    private final ByteArrayOutputStream current = new ByteArrayOutputStream();
    private boolean closed;

    public LineOutputStream(Consumer<String> lines) {
        this.lines = Objects.requireNonNull(lines, "lines");
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            emit();
        } else if (b != '\r') {
            current.write(b);
            if (current.size() >= MAX_LINE) {
                emit();
            }
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    private void emit() {
        lines.accept(current.toString(StandardCharsets.UTF_8));
        current.reset();
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            if (current.size() > 0) {
                emit();
            }
        }
    }
}
