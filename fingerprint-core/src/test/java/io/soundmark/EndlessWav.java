package io.soundmark;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A live-like WAV stream: 8 kHz 16-bit mono noise that never ends, delivered a little slower than
 * real time would need, in reads that ignore interrupts (as some streams do).
 */
final class EndlessWav extends InputStream {

    private final ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
    private final long pauseNanos;
    private long position;

    /** @param pauseMillis the wait before each read's data, ignoring interrupts */
    EndlessWav(long pauseMillis) {
        this.pauseNanos = TimeUnit.MILLISECONDS.toNanos(pauseMillis);
        header.put("RIFF".getBytes()).putInt(-1).put("WAVE".getBytes());
        header.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(8000)
                .putInt(16000).putShort((short) 2).putShort((short) 16);
        header.put("data".getBytes()).putInt(-1).flip();
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        read(one, 0, 1);
        return one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (header.hasRemaining()) {
            int n = Math.min(len, header.remaining());
            header.get(b, off, n);
            return n;
        }
        long until = System.nanoTime() + pauseNanos;
        for (long left; (left = until - System.nanoTime()) > 0; ) {
            LockSupport.parkNanos(left); // returns early on interrupt; the loop waits anyway
        }
        int n = Math.min(len, 1024);
        for (int i = 0; i < n; i++, position++) {
            b[off + i] = (byte) (position * 0x9E3779B97F4A7C15L >>> 59);
        }
        return n;
    }
}
