package io.soundmark.cli;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A mono 32-bit IEEE float WAV file, its sizes filled in on close. Non-PCM WAV wants the extended
 * 18-byte fmt chunk and a fact chunk with the sample count.
 */
final class FloatWavWriter implements Closeable {

    private static final int HEADER = 12 + (8 + 18) + (8 + 4) + 8;
    private final FileChannel channel;
    private final int rate;
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    private long samples;

    FloatWavWriter(Path file, int rate) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.CREATE);
        this.rate = rate;
        channel.position(HEADER);
    }

    void write(float[] values, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            if (!buffer.hasRemaining()) {
                flush();
            }
            buffer.putFloat(values[i]);
        }
        samples += count;
    }

    private void flush() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        buffer.clear();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        try (channel) {
            flush();
            long data = samples * 4;
            if (data > 0xFFFFFFFFL - HEADER) {
                throw new IOException("too long for a WAV file");
            }
            ByteBuffer h = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
            h.put(ascii("RIFF")).putInt((int) (HEADER - 8 + data)).put(ascii("WAVE"));
            h.put(ascii("fmt ")).putInt(18)
                    .putShort((short) 3)            // WAVE_FORMAT_IEEE_FLOAT
                    .putShort((short) 1).putInt(rate).putInt(rate * 4).putShort((short) 4).putShort((short) 32)
                    .putShort((short) 0);           // no extension bytes
            h.put(ascii("fact")).putInt(4).putInt((int) samples);
            h.put(ascii("data")).putInt((int) data);
            h.flip();
            channel.position(0);
            while (h.hasRemaining()) {
                channel.write(h);
            }
        }
    }
}
