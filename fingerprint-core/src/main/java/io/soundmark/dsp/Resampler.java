package io.soundmark.dsp;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Band-limited, linear-phase sample-rate conversion by a polyphase Kaiser-windowed sinc filter.
 *
 * <p>The filter passes everything up to 0.9 × the lower Nyquist frequency (ripple far below
 * 0.01 dB) and attenuates by at least 120 dB (design) from the lower Nyquist frequency up, so
 * aliasing and imaging products stay below −100 dB. Output sample {@code k} lies exactly at input
 * time {@code k · from / to}: the filter adds no delay. When the reduced ratio needs more than
 * {@value #MAX_EXACT_PHASES} filter phases, coefficients are interpolated linearly between 4096
 * tabulated phases (error below −130 dB). Equal rates pass samples through untouched.
 *
 * <p>Instances are immutable and shared (filters are cached per rate pair); each
 * {@link #resample(SampleSource)} call returns an independent stream.
 *
 * <pre>{@code
 * SampleSource at48k = Resampler.of(44100, 48000).resample(source);
 * }</pre>
 */
public final class Resampler {

    /** Lowest and highest input or output rate supported, in Hz. */
    public static final int MIN_RATE = 8000;
    public static final int MAX_RATE = 192000;

    static final int MAX_EXACT_PHASES = 4096;
    private static final double PASSBAND_EDGE = 0.9;
    private static final double STOPBAND_ATTENUATION_DB = 120.0;
    private static final Map<Long, Resampler> CACHE = new ConcurrentHashMap<>();

    private final int fromRate;
    private final int toRate;
    private final int up;        // L: output steps per ...
    private final int down;      // M: ... input steps, after reducing from/to by their gcd
    private final int phases;
    private final int taps;      // coefficients per phase (2K)
    private final float[] coefficients; // (phases + 1) rows of taps

    private Resampler(int fromRate, int toRate) {
        this.fromRate = fromRate;
        this.toRate = toRate;
        int g = gcd(fromRate, toRate);
        this.up = toRate / g;
        this.down = fromRate / g;
        if (fromRate == toRate) {
            this.phases = 0;
            this.taps = 0;
            this.coefficients = new float[0];
            return;
        }
        this.phases = Math.min(up, MAX_EXACT_PHASES);
        // Everything below is measured in input samples.
        double lowerNyquist = Math.min(fromRate, toRate) / 2.0;
        double cutoff = (1 + PASSBAND_EDGE) / 2 * lowerNyquist / fromRate;      // cycles per input sample
        double transition = (1 - PASSBAND_EDGE) * lowerNyquist / fromRate;      // cycles per input sample
        double beta = 0.1102 * (STOPBAND_ATTENUATION_DB - 8.7);
        double halfLength = (STOPBAND_ATTENUATION_DB - 7.95) / (2.285 * 2 * Math.PI * transition) / 2;
        int k = 2 * (int) Math.ceil(halfLength / 2);   // taps = 2k, a multiple of four
        this.taps = 2 * k;
        this.coefficients = new float[(phases + 1) * taps];
        double i0Beta = besselI0(beta);
        for (int p = 0; p <= phases; p++) {
            double frac = (double) p / phases;
            double sum = 0;
            double[] row = new double[taps];
            for (int j = 0; j < taps; j++) {
                double t = frac + k - 1 - j;            // distance from the output instant
                double x = t / halfLength;
                double w = Math.abs(x) >= 1 ? 0 : besselI0(beta * Math.sqrt(1 - x * x)) / i0Beta;
                row[j] = 2 * cutoff * sinc(2 * cutoff * t) * w;
                sum += row[j];
            }
            for (int j = 0; j < taps; j++) {
                coefficients[p * taps + j] = (float) (row[j] / sum);  // unit DC gain in every phase
            }
        }
    }

    /**
     * The resampler between two rates, each in {@value #MIN_RATE}–{@value #MAX_RATE} Hz.
     *
     * @throws IllegalArgumentException if a rate is out of range
     */
    public static Resampler of(int fromRate, int toRate) {
        checkRate("input sample rate", fromRate);
        checkRate("output sample rate", toRate);
        return CACHE.computeIfAbsent(((long) fromRate << 32) | toRate, key -> new Resampler(fromRate, toRate));
    }

    private static void checkRate(String what, int rate) {
        if (rate < MIN_RATE || rate > MAX_RATE) {
            throw new IllegalArgumentException(what + " " + rate + " Hz is outside the supported range "
                    + MIN_RATE + " to " + MAX_RATE + " Hz");
        }
    }

    public int fromRate() {
        return fromRate;
    }

    public int toRate() {
        return toRate;
    }

    /** Number of output samples for {@code inputSamples} input samples: those at times within the input. */
    public long outputLength(long inputSamples) {
        return fromRate == toRate ? inputSamples : (inputSamples * up + down - 1) / down;
    }

    /** A stream of {@code source} converted to {@link #toRate()}; {@code source} must be at {@link #fromRate()}. */
    public SampleSource resample(SampleSource source) {
        if (source.sampleRate() != fromRate) {
            throw new IllegalArgumentException("source is at " + source.sampleRate() + " Hz, resampler expects "
                    + fromRate + " Hz");
        }
        return fromRate == toRate ? source : new Stream(source);
    }

    /** Streaming state: a window of input samples and the position of the next output sample. */
    private final class Stream implements SampleSource {
        private final SampleSource source;
        private final int half = taps / 2;
        private float[] input = new float[Math.max(4 * taps, 16384)];
        private long inputStart = -half;   // absolute index of input[0]; zeros precede the signal
        private long inputEnd = 0;         // absolute index one past the last buffered sample
        private long sourceLength = -1;    // known once the source has ended
        private long base = 0;             // floor(k · down / up) of the next output k
        private long remainder = 0;        // (k · down) mod up

        Stream(SampleSource source) {
            this.source = source; // input[0 .. half) stays zero: the samples before time 0
        }

        @Override
        public int sampleRate() {
            return toRate;
        }

        @Override
        public int read(float[] buffer, int offset, int length) throws IOException {
            int produced = 0;
            while (produced < length) {
                if (sourceLength >= 0 && base >= sourceLength) {
                    break;
                }
                if (base + half >= inputEnd && sourceLength < 0) {
                    fill();
                    continue;
                }
                buffer[offset + produced++] = next();
            }
            return produced == 0 && length > 0 ? -1 : produced;
        }

        private float next() {
            int start = (int) (base - half + 1 - inputStart);
            double value;
            if (phases == up) {
                value = dot((int) remainder * taps, start);
            } else {
                long scaled = remainder * phases;
                int p = (int) (scaled / up);
                double w = (double) (scaled % up) / up;
                double a = dot(p * taps, start);
                value = w == 0 ? a : a + w * (dot((p + 1) * taps, start) - a);
            }
            remainder += down;
            base += remainder / up;
            remainder %= up;
            return (float) value;
        }

        /** Four independent float sums keep the CPU's pipelines full; their error stays near -140 dB. */
        private double dot(int row, int start) {
            float[] c = coefficients;
            float[] x = input;
            float s0 = 0;
            float s1 = 0;
            float s2 = 0;
            float s3 = 0;
            for (int j = 0; j < taps; j += 4) {
                s0 += x[start + j] * c[row + j];
                s1 += x[start + j + 1] * c[row + j + 1];
                s2 += x[start + j + 2] * c[row + j + 2];
                s3 += x[start + j + 3] * c[row + j + 3];
            }
            return (double) s0 + s1 + s2 + s3;
        }

        /** Drops samples no longer needed, then reads more input (zeros after the end). */
        private void fill() throws IOException {
            long keepFrom = base - half + 1;
            int drop = (int) (keepFrom - inputStart);
            int valid = (int) (inputEnd - inputStart);
            if (drop > 0) {
                System.arraycopy(input, drop, input, 0, valid - drop);
                inputStart += drop;
                valid -= drop;
            }
            if (input.length - valid < taps) {
                input = java.util.Arrays.copyOf(input, input.length * 2);
            }
            int n = source.read(input, valid, input.length - valid);
            if (n < 0) {
                sourceLength = inputEnd;
                int pad = Math.min(input.length - valid, taps + 1);
                java.util.Arrays.fill(input, valid, valid + pad, 0f);
                inputEnd += pad;
            } else {
                inputEnd += n;
            }
        }
    }

    private static double sinc(double x) {
        if (x == 0) {
            return 1.0;
        }
        double px = Math.PI * x;
        return Math.sin(px) / px;
    }

    /** Modified Bessel function of the first kind, order 0 (power series). */
    static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double q = x * x / 4;
        for (int k = 1; k < 200; k++) {
            term *= q / ((double) k * k);
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
        }
        return sum;
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
