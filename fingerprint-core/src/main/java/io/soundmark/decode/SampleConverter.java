package io.soundmark.decode;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import javax.sound.sampled.AudioFormat;

/**
 * Converts packed PCM bytes to floats: signed integers divided by 2^(bits-1), unsigned integers
 * centred first, IEEE floats as they are.
 */
final class SampleConverter {

    private final AudioFormat.Encoding encoding;
    private final int bytesPerSample;
    private final boolean bigEndian;
    private final double scale;

    SampleConverter(AudioFormat format) {
        if (!supports(format)) {
            throw new IllegalArgumentException("unsupported PCM format " + format);
        }
        this.encoding = format.getEncoding();
        this.bytesPerSample = format.getSampleSizeInBits() / 8;
        this.bigEndian = format.isBigEndian();
        this.scale = 1.0 / (1L << (format.getSampleSizeInBits() - 1));
    }

    static boolean supports(AudioFormat f) {
        int bits = f.getSampleSizeInBits();
        AudioFormat.Encoding e = f.getEncoding();
        boolean integer = (e.equals(AudioFormat.Encoding.PCM_SIGNED) || e.equals(AudioFormat.Encoding.PCM_UNSIGNED))
                && (bits == 8 || bits == 16 || bits == 24 || bits == 32);
        boolean floating = e.equals(AudioFormat.Encoding.PCM_FLOAT) && (bits == 32 || bits == 64);
        return (integer || floating) && f.getFrameSize() == f.getChannels() * bits / 8;
    }

    /** Converts {@code count} samples starting at {@code bytes[0]} into {@code out}. */
    void convert(byte[] bytes, int count, float[] out) {
        if (encoding.equals(AudioFormat.Encoding.PCM_FLOAT)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < count; i++) {
                out[i] = bytesPerSample == 4 ? buf.getFloat(4 * i) : (float) buf.getDouble(8 * i);
            }
            return;
        }
        boolean unsigned = encoding.equals(AudioFormat.Encoding.PCM_UNSIGNED);
        if (bytesPerSample == 2 && !unsigned) { // the common case, without the general loop's per-byte work
            int high = bigEndian ? 0 : 1;
            for (int i = 0, p = 0; i < count; i++, p += 2) {
                out[i] = (float) ((short) ((bytes[p + high] << 8) | (bytes[p + 1 - high] & 0xff)) * scale);
            }
            return;
        }
        long offset = unsigned ? 1L << (8 * bytesPerSample - 1) : 0;
        for (int i = 0, p = 0; i < count; i++, p += bytesPerSample) {
            long v = 0;
            for (int b = 0; b < bytesPerSample; b++) {
                int shift = bigEndian ? 8 * (bytesPerSample - 1 - b) : 8 * b;
                v |= (long) (bytes[p + b] & 0xff) << shift;
            }
            if (unsigned) {
                v -= offset;
            } else {
                int unused = 64 - 8 * bytesPerSample;
                v = (v << unused) >> unused; // sign-extend
            }
            out[i] = (float) (v * scale);
        }
    }
}
