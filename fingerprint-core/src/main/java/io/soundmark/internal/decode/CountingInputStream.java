package io.soundmark.internal.decode;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes read from a stream, marks and resets included: after a Java Sound reader has
 * parsed a header, {@link #position()} is where the audio data starts.
 */
final class CountingInputStream extends FilterInputStream {

    private long position;
    private long marked;

    CountingInputStream(InputStream in) {
        super(in);
    }

    /** Bytes read (or skipped) so far, less any given back by {@link #reset()}. */
    long position() {
        return position;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            position++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            position += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        position += Math.max(0, skipped);
        return skipped;
    }

    @Override
    public synchronized void mark(int readLimit) {
        super.mark(readLimit);
        marked = position;
    }

    @Override
    public synchronized void reset() throws IOException {
        super.reset();
        position = marked;
    }
}
