package io.tollgate.support;

import java.io.IOException;
import java.io.OutputStream;

/** Writes to the console and to a capture, for tests that read what the application printed. */
public final class Tee extends OutputStream {

    private final OutputStream console;
    private final OutputStream capture;

    public Tee(OutputStream console, OutputStream capture) {
        this.console = console;
        this.capture = capture;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        console.write(b);
        capture.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        console.write(b, off, len);
        capture.write(b, off, len);
    }

    @Override
    public synchronized void flush() throws IOException {
        console.flush();
        capture.flush();
    }
}
