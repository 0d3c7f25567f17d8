package io.soundmark.decode;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;

/** Helpers for decoder tests: probing files, decoding them whole, and comparing with references. */
public final class DecodeTesting {

    private DecodeTesting() {
    }

    /** The decoder fixtures (fingerprint-decoders/fixtures, made by scripts/make_fixtures.sh). */
    public static Path fixture(String name) {
        Path dir = Paths.get(System.getProperty("soundmark.fixtures.dir", "../fixtures"));
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("fixture not found: " + file.toAbsolutePath());
        }
        return file;
    }

    /** A probe over a file, as the core builds one. The caller closes the probe's stream. */
    public static MediaProbe probe(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), MediaProbe.HEAD_SIZE + 1);
        in.mark(MediaProbe.HEAD_SIZE + 1);
        byte[] head = in.readNBytes(MediaProbe.HEAD_SIZE);
        in.reset();
        return new MediaProbe(file.getFileName().toString(), head, in).withFile(file).withSize(Files.size(file));
    }

    /** Every frame of a stream, interleaved. */
    public static float[] decodeAll(PcmStream pcm) throws IOException {
        float[] out = new float[1 << 16];
        int size = 0;
        float[] buf = new float[1000 * pcm.channels()];
        for (int n; (n = pcm.read(buf, 1000)) >= 0; ) {
            int samples = n * pcm.channels();
            if (size + samples > out.length) {
                out = Arrays.copyOf(out, Math.max(size + samples, out.length * 2));
            }
            System.arraycopy(buf, 0, out, size, samples);
            size += samples;
        }
        return Arrays.copyOf(out, size);
    }

    /** Opens {@code file} with {@code provider} and decodes it whole. */
    public static Decoded decode(AudioDecoderProvider provider, Path file) throws IOException {
        MediaProbe probe = probe(file);
        try (InputStream ignored = probe.stream(); PcmStream pcm = provider.open(probe)) {
            return new Decoded(pcm.sampleRate(), pcm.channels(), pcm.frameLength().orElse(-1), decodeAll(pcm));
        }
    }

    /**
     * Opens {@code file} with {@code provider} and decodes it up to its end or up to a read failure
     * (which is returned, not thrown: decoders report truncation that way).
     */
    public static Partial decodePartly(AudioDecoderProvider provider, Path file) throws IOException {
        MediaProbe probe = probe(file);
        try (InputStream ignored = probe.stream(); PcmStream pcm = provider.open(probe)) {
            float[] out = new float[0];
            float[] buf = new float[1000 * pcm.channels()];
            IOException failure = null;
            try {
                for (int n; (n = pcm.read(buf, 1000)) >= 0; ) {
                    int size = out.length;
                    out = Arrays.copyOf(out, size + n * pcm.channels());
                    System.arraycopy(buf, 0, out, size, n * pcm.channels());
                }
            } catch (IOException e) {
                failure = e;
            }
            return new Partial(new Decoded(pcm.sampleRate(), pcm.channels(), pcm.frameLength().orElse(-1), out), failure);
        }
    }

    /** What was decoded before a failure, and the failure (null when the file ended normally). */
    public record Partial(Decoded decoded, IOException failure) {
    }

    /** A decoded file. */
    public record Decoded(int rate, int channels, long statedFrames, float[] samples) {
        public int frames() {
            return samples.length / channels;
        }

        public float[] channel(int c) {
            float[] out = new float[frames()];
            for (int i = 0; i < out.length; i++) {
                out[i] = samples[i * channels + c];
            }
            return out;
        }
    }

    /** Raw little-endian 16-bit samples scaled to [-1, 1). */
    public static float[] readS16(Path file) {
        try {
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
            float[] out = new float[b.remaining() / 2];
            for (int i = 0; i < out.length; i++) {
                out[i] = b.getShort() / 32768f;
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lag of {@code x} behind {@code reference} (in samples, within ±maxLag) that maximises their correlation. */
    public static int bestLag(float[] x, float[] reference, int maxLag) {
        int best = 0;
        double bestCorrelation = Double.NEGATIVE_INFINITY;
        for (int lag = -maxLag; lag <= maxLag; lag++) {
            double c = 0;
            for (int i = Math.max(0, -lag); i < reference.length && i + lag < x.length; i++) {
                c += (double) x[i + lag] * reference[i];
            }
            if (c > bestCorrelation) {
                bestCorrelation = c;
                best = lag;
            }
        }
        return best;
    }

    /** Signal-to-noise ratio of {@code x} against {@code reference} at {@code lag}, over their overlap, in dB. */
    public static double snrDb(float[] x, float[] reference, int lag) {
        double signal = 0;
        double noise = 0;
        for (int i = Math.max(0, -lag); i < reference.length && i + lag < x.length; i++) {
            signal += (double) reference[i] * reference[i];
            double d = x[i + lag] - reference[i];
            noise += d * d;
        }
        return 10 * Math.log10(signal / Math.max(noise, 1e-30));
    }
}
