package io.soundmark.cli;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A WAV file written sample by sample, its sizes filled in on close: 32-bit IEEE float (what the
 * front end sees, for {@code decode}) or 16-bit PCM (test inputs for {@code bench}). Float WAV
 * wants the extended 18-byte fmt chunk and a fact chunk with the frame count.
 */
final class WavWriter implements Closeable {

    private static final int FLOAT_HEADER = 12 + (8 + 18) + (8 + 4) + 8;
    private static final int PCM_HEADER = 12 + (8 + 16) + 8;

    private final FileChannel channel;
    private final int rate;
    private final int channels;
    private final boolean floats;
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    private long samples;

    private WavWriter(Path file, int rate, int channels, boolean floats) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.CREATE);
        this.rate = rate;
        this.channels = channels;
        this.floats = floats;
        channel.position(floats ? FLOAT_HEADER : PCM_HEADER);
    }

    /** Mono 32-bit float samples, as they are. */
    static WavWriter float32Mono(Path file, int rate) throws IOException {
        return new WavWriter(file, rate, 1, true);
    }

    /** Interleaved 16-bit PCM; samples in [-1, 1] are rounded and clipped. */
    static WavWriter pcm16(Path file, int rate, int channels) throws IOException {
        return new WavWriter(file, rate, channels, false);
    }

    /** Writes {@code count} interleaved samples. */
    void write(float[] values, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            if (buffer.remaining() < 4) {
                flush();
            }
            if (floats) {
                buffer.putFloat(values[i]);
            } else {
                buffer.putShort((short) Math.max(-32768, Math.min(32767, Math.round(values[i] * 32768.0))));
            }
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

    @Override
    public void close() throws IOException {
        try (channel) {
            flush();
            int bytesPerSample = floats ? 4 : 2;
            int header = floats ? FLOAT_HEADER : PCM_HEADER;
            long data = samples * bytesPerSample;
            if (data > 0xFFFFFFFFL - header) {
                throw new IOException("too long for a WAV file");
            }
            ByteBuffer h = ByteBuffer.allocate(header).order(ByteOrder.LITTLE_ENDIAN);
            h.put(ascii("RIFF")).putInt((int) (header - 8 + data)).put(ascii("WAVE"));
            h.put(ascii("fmt ")).putInt(floats ? 18 : 16)
                    .putShort((short) (floats ? 3 : 1)) // WAVE_FORMAT_IEEE_FLOAT or PCM
                    .putShort((short) channels).putInt(rate).putInt(rate * channels * bytesPerSample)
                    .putShort((short) (channels * bytesPerSample)).putShort((short) (8 * bytesPerSample));
            if (floats) {
                h.putShort((short) 0); // no extension bytes
                h.put(ascii("fact")).putInt(4).putInt((int) (samples / channels));
            }
            h.put(ascii("data")).putInt((int) data);
            h.flip();
            channel.position(0);
            while (h.hasRemaining()) {
                channel.write(h);
            }
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
