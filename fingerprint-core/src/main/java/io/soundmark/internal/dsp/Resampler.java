package io.soundmark.internal.dsp;

import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;

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
 * <p>Instances are immutable and shared (the filters of recently used rate pairs are cached); each
 * {@link #resample(SampleSource)} call returns an independent stream. For every common rate pair
 * the stream works a block of output periods at a time, as array multiply-adds that the JIT
 * compiles to SIMD instructions; its output never depends on how the source's reads are sized.
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
    // fewer periods per block happen only for pairs that consume tens of thousands of input
    // samples per period; there the lanes would cost more than vectorising saves
    private static final int MIN_PERIODS_PER_BLOCK = 16;
    private static final double PASSBAND_EDGE = 0.9;
    private static final double STOPBAND_ATTENUATION_DB = 120.0;
    /**
     * Coefficients kept by the cache of filters. Common pairs take 0.1 to 1 MB each; a pair of odd
     * rates takes up to 10 MB, and hostile inputs can name a new rate every time: the least
     * recently used filters go once the cache holds more than this.
     */
    static final long CACHED_COEFFICIENTS = 4L << 20;
    private static final LinkedHashMap<Long, Resampler> CACHE = new LinkedHashMap<>(16, 0.75f, true);
    private static long cachedCoefficients;

    private final int fromRate;
    private final int toRate;
    private final int up;        // L: output steps per ...
    private final int down;      // M: ... input steps, after reducing from/to by their gcd
    private final int phases;
    private final int taps;      // coefficients per phase (2K)
    private final float[] coefficients; // (phases + 1) rows of taps
    private final int periodsPerBlock;  // for PeriodicStream; 0 without exact phases

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
            this.periodsPerBlock = 0;
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
        // about 64 Ki outputs per block, and lanes of at most 256 Ki samples in all
        this.periodsPerBlock = phases < up ? 0 : Math.min(1024, Math.min(65536 / up, 262144 / (down * shifts())));
    }

    /** Input lanes per residue modulo {@code down} in {@link PeriodicStream}: the periods one output's taps span. */
    private int shifts() {
        return (down - 1 + taps - 1) / down + 1;
    }

    /**
     * The resampler between two rates, each in {@value #MIN_RATE}–{@value #MAX_RATE} Hz.
     *
     * @throws IllegalArgumentException if a rate is out of range
     */
    public static Resampler of(int fromRate, int toRate) {
        checkRate("input sample rate", fromRate);
        checkRate("output sample rate", toRate);
        long key = ((long) fromRate << 32) | toRate;
        synchronized (CACHE) {
            Resampler cached = CACHE.get(key);
            if (cached != null) {
                return cached;
            }
        }
        Resampler made = new Resampler(fromRate, toRate); // outside the lock: seconds for odd pairs
        synchronized (CACHE) {
            if (CACHE.putIfAbsent(key, made) == null) {
                cachedCoefficients += made.coefficients.length;
                for (Iterator<Resampler> eldest = CACHE.values().iterator(); cachedCoefficients > CACHED_COEFFICIENTS
                        && CACHE.size() > 1; ) {
                    cachedCoefficients -= eldest.next().coefficients.length;
                    eldest.remove();
                }
            }
        }
        return made;
    }

    /** Coefficients held by the cache of filters (at most {@link #CACHED_COEFFICIENTS}, or one filter's). */
    static long cachedCoefficients() {
        synchronized (CACHE) {
            return cachedCoefficients;
        }
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
        if (fromRate == toRate) {
            return source;
        }
        return periodsPerBlock >= MIN_PERIODS_PER_BLOCK ? new PeriodicStream(source) : new DirectStream(source);
    }

    /** The same conversion as {@link #resample}, always one dot product per output sample; for tests. */
    SampleSource resampleDirectly(SampleSource source) {
        return new DirectStream(source);
    }

    /**
     * Input samples by absolute index, zeros before the first and after the last; keeps what is
     * still needed and reads more on demand.
     */
    private final class InputBuffer {
        private final SampleSource source;
        private float[] data = new float[Math.max(4 * taps, 16384)];
        private long start = -taps;       // absolute index of data[0]; zeros precede the signal
        private long end = 0;             // absolute index one past the last buffered sample
        private long sourceLength = -1;   // known once the source has ended

        InputBuffer(SampleSource source) {
            this.source = source;
        }

        /** Buffers {@code [from, to)}, dropping what lies before {@code from}; zeros pad the end. */
        void load(long from, long to) throws IOException {
            int drop = (int) (Math.min(from, end) - start);
            if (drop > 0) {
                System.arraycopy(data, drop, data, 0, (int) (end - start) - drop);
                start += drop;
            }
            if (data.length < to - start) {
                data = Arrays.copyOf(data, (int) Math.max(to - start, 2L * data.length));
            }
            while (end < to) {
                int free = data.length - (int) (end - start);
                int n = sourceLength >= 0 ? -1 : source.read(data, (int) (end - start), free);
                if (n < 0) {
                    if (sourceLength < 0) {
                        sourceLength = end;
                    }
                    Arrays.fill(data, (int) (end - start), (int) (to - start), 0f);
                    end = to;
                } else {
                    end += n;
                }
            }
        }

        /** Index in {@link #data} of absolute sample {@code index}. */
        int offset(long index) {
            return (int) (index - start);
        }

        /** Output samples for the input read so far once it has ended, else -1. */
        long outputsAtEnd() {
            return sourceLength < 0 ? -1 : outputLength(sourceLength);
        }
    }

    /**
     * Exact phases: the output repeats its phase pattern every {@code up} samples, which consume
     * {@code down} input samples. A block of {@code periods} such periods is computed tap by tap
     * across all periods at once, a plain multiply-add over arrays that the JIT turns into SIMD
     * instructions (about four times faster than one dot product per output sample). Each output
     * sums the same products in the same order whatever the block or read sizes.
     */
    private final class PeriodicStream implements SampleSource {
        private final InputBuffer input;
        private final int periods;
        private final int shifts;         // lanes per input residue: taps reach this many periods ahead
        private final float[][] lanes;    // lanes[r * shifts + q][m] = x[first + r + down * (m + q)]
        private final float[] gathered;   // x[first + r + down * n] for one residue r
        private final float[] sums;
        private final float[] block;      // outputs of one block, in time order
        private long blockStart;          // absolute index of the next block's first output
        private int available;            // outputs in block
        private int delivered;            // of which already read

        PeriodicStream(SampleSource source) {
            this.input = new InputBuffer(source);
            this.shifts = shifts();
            this.periods = periodsPerBlock;
            this.lanes = new float[down * shifts][periods];
            this.gathered = new float[periods + shifts - 1];
            this.sums = new float[periods];
            this.block = new float[up * periods];
        }

        @Override
        public int sampleRate() {
            return toRate;
        }

        @Override
        public int read(float[] buffer, int offset, int length) throws IOException {
            if (delivered == available) {
                computeBlock();
                if (available == 0) {
                    return length == 0 ? 0 : -1;
                }
            }
            int n = Math.min(length, available - delivered);
            System.arraycopy(block, delivered, buffer, offset, n);
            delivered += n;
            return n;
        }

        private void computeBlock() throws IOException {
            long first = blockStart / up * down - taps / 2 + 1;   // input under tap 0 of the block's first output
            input.load(first, first + (long) down * (periods + shifts - 1));
            long total = input.outputsAtEnd();
            available = (int) (total < 0 ? block.length : Math.max(0, Math.min(block.length, total - blockStart)));
            delivered = 0;
            if (available == 0) {
                return;
            }
            float[] x = input.data;
            int origin = input.offset(first);
            for (int r = 0; r < down; r++) {
                int from = origin + r;
                for (int m = 0; m < gathered.length; m++) {
                    gathered[m] = x[from + down * m];
                }
                for (int q = 0; q < shifts; q++) {
                    System.arraycopy(gathered, q, lanes[r * shifts + q], 0, periods);
                }
            }
            for (int i = 0; i < up; i++) {
                int skip = (int) ((long) i * down / up);           // input samples before output i of a period
                int row = (int) ((long) i * down % up) * taps;     // its phase's coefficients
                Arrays.fill(sums, 0f);
                for (int j = 0; j < taps; j += 4) {
                    multiplyAdd(lane(skip + j), coefficients[row + j], lane(skip + j + 1), coefficients[row + j + 1],
                            lane(skip + j + 2), coefficients[row + j + 2], lane(skip + j + 3), coefficients[row + j + 3]);
                }
                for (int m = 0; m < periods; m++) {
                    block[i + up * m] = sums[m];
                }
            }
            blockStart += block.length;
        }

        /** The lane holding {@code x[first + d + down * m]} at index {@code m}. */
        private float[] lane(int d) {
            return lanes[(d % down) * shifts + d / down];
        }

        /** Four taps at once: a quarter of the loads and stores of {@link #sums}. */
        private void multiplyAdd(float[] x0, float c0, float[] x1, float c1, float[] x2, float c2, float[] x3, float c3) {
            float[] s = sums;
            for (int m = 0; m < s.length; m++) {
                s[m] += c0 * x0[m] + c1 * x1[m] + c2 * x2[m] + c3 * x3[m];
            }
        }
    }

    /**
     * Rate pairs whose phase pattern is too long for {@link PeriodicStream}: one dot product per
     * output sample, between interpolated phases where there are more than {@value #MAX_EXACT_PHASES}.
     */
    private final class DirectStream implements SampleSource {
        private final InputBuffer input;
        private final int half = taps / 2;
        private long base = 0;             // floor(k · down / up) of the next output k
        private long remainder = 0;        // (k · down) mod up
        private long produced = 0;

        DirectStream(SampleSource source) {
            this.input = new InputBuffer(source);
        }

        @Override
        public int sampleRate() {
            return toRate;
        }

        @Override
        public int read(float[] buffer, int offset, int length) throws IOException {
            int n = 0;
            while (n < length) {
                long total = input.outputsAtEnd();
                if (total >= 0 && produced >= total) {
                    break;
                }
                if (base + half >= input.end) {
                    input.load(base - half + 1, base - half + 1 + input.data.length);
                    continue;
                }
                buffer[offset + n++] = next();
            }
            return n == 0 && length > 0 ? -1 : n;
        }

        private float next() {
            int start = input.offset(base - half + 1);
            long scaled = remainder * phases;
            int p = (int) (scaled / up);
            double w = (double) (scaled % up) / up;
            double a = dot(p * taps, start);
            double value = w == 0 ? a : a + w * (dot((p + 1) * taps, start) - a);
            remainder += down;
            base += remainder / up;
            remainder %= up;
            produced++;
            return (float) value;
        }

        /** Four independent float sums keep the CPU's pipelines full; their error stays near -140 dB. */
        private double dot(int row, int start) {
            float[] c = coefficients;
            float[] x = input.data;
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
