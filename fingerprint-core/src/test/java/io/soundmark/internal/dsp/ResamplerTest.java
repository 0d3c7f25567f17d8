package io.soundmark.internal.dsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Quality of the resampler with tones and sweeps: passband ripple within 0.01 dB up to 0.9 × the
 * lower Nyquist frequency, aliasing and imaging products at or below −100 dB.
 */
class ResamplerTest {

    private static final double AMPLITUDE = 0.5;
    private static final double SECONDS = 0.5;
    private static final double EDGE_SECONDS = 0.05; // start-up and end transients are not measured

    static float[] tone(double hz, int rate, double seconds) {
        float[] x = new float[(int) Math.round(seconds * rate)];
        for (int n = 0; n < x.length; n++) {
            x[n] = (float) (AMPLITUDE * Math.sin(2 * Math.PI * hz * n / rate));
        }
        return x;
    }

    static float[] resample(float[] in, int from, int to) throws IOException {
        return ArraySource.drain(Resampler.of(from, to).resample(new ArraySource(in, from, 4093)), 1000);
    }

    /** Least-squares fit of a tone at {@code hz}: {gain, residual power relative to the tone in dB}. */
    static double[] fit(float[] y, double hz, int rate) {
        int from = (int) (EDGE_SECONDS * rate);
        int to = y.length - from;
        double ss = 0, cc = 0, sc = 0, ys = 0, yc = 0;
        for (int k = from; k < to; k++) {
            double s = Math.sin(2 * Math.PI * hz * k / rate);
            double c = Math.cos(2 * Math.PI * hz * k / rate);
            ss += s * s;
            cc += c * c;
            sc += s * c;
            ys += y[k] * s;
            yc += y[k] * c;
        }
        double det = ss * cc - sc * sc;
        double a = (ys * cc - yc * sc) / det;
        double b = (yc * ss - ys * sc) / det;
        double residual = 0;
        for (int k = from; k < to; k++) {
            double e = y[k] - a * Math.sin(2 * Math.PI * hz * k / rate) - b * Math.cos(2 * Math.PI * hz * k / rate);
            residual += e * e;
        }
        double tonePower = AMPLITUDE * AMPLITUDE / 2;
        return new double[] {Math.hypot(a, b) / AMPLITUDE, 10 * Math.log10(residual / (to - from) / tonePower)};
    }

    static double rmsDb(float[] y, int rate) {
        int from = (int) (EDGE_SECONDS * rate);
        double sum = 0;
        for (int k = from; k < y.length - from; k++) {
            sum += (double) y[k] * y[k];
        }
        return 10 * Math.log10(sum / (y.length - 2 * from) / (AMPLITUDE * AMPLITUDE / 2));
    }

    @ParameterizedTest(name = "{0} Hz -> {1} Hz")
    @CsvSource({"44100, 48000", "48000, 44100", "22050, 48000", "8000, 48000", "96000, 48000", "192000, 48000",
            "48000, 16000", "32000, 48000", "44101, 48000", "11025, 44100"})
    void passbandIsFlatAndFreeOfAliasesAndImages(int from, int to) throws IOException {
        double edge = 0.9 * Math.min(from, to) / 2;
        for (double f : new double[] {31, 440, 997, 0.25 * edge, 0.5 * edge, 0.77 * edge, edge}) {
            float[] out = resample(tone(f, from, SECONDS), from, to);
            double[] m = fit(out, f, to);
            double rippleDb = 20 * Math.log10(m[0]);
            assertTrue(Math.abs(rippleDb) <= 0.01, from + "->" + to + " at " + f + " Hz: gain " + rippleDb + " dB");
            assertTrue(m[1] <= -100, from + "->" + to + " at " + f + " Hz: alias/image/noise " + m[1] + " dB");
        }
    }

    @ParameterizedTest(name = "{0} Hz -> {1} Hz")
    @CsvSource({"96000, 48000", "192000, 48000", "48000, 44100", "48000, 16000", "48000, 44101"})
    void tonesAboveTheOutputNyquistAreRemoved(int from, int to) throws IOException {
        double outNyquist = to / 2.0;
        double inNyquist = from / 2.0;
        for (double f : new double[] {outNyquist + 1, outNyquist * 1.05, (outNyquist + inNyquist) / 2, inNyquist * 0.98}) {
            float[] out = resample(tone(f, from, SECONDS), from, to);
            assertTrue(rmsDb(out, to) <= -100, from + "->" + to + " at " + f + " Hz leaks " + rmsDb(out, to) + " dB");
        }
    }

    @Test
    void sweepThroughThePassbandComesOutAsTheSameSweep() throws IOException {
        int from = 44100;
        int to = 48000;
        double seconds = 2;
        double f0 = 20;
        double f1 = 0.9 * from / 2;
        double k = Math.log(f1 / f0) / seconds;
        float[] in = new float[(int) (seconds * from)];
        for (int n = 0; n < in.length; n++) {
            in[n] = (float) (AMPLITUDE * Math.sin(2 * Math.PI * f0 * (Math.exp(k * n / from) - 1) / k));
        }
        float[] out = resample(in, from, to);
        int edge = (int) (0.1 * to);
        double err = 0;
        double ref = 0;
        for (int m = edge; m < out.length - edge; m++) {
            double t = (double) m / to;
            double ideal = AMPLITUDE * Math.sin(2 * Math.PI * f0 * (Math.exp(k * t) - 1) / k);
            err += (out[m] - ideal) * (out[m] - ideal);
            ref += ideal * ideal;
        }
        double db = 10 * Math.log10(err / ref);
        // -80 dB error is far inside the 0.01 dB ripple budget (which allows -59 dB)
        assertTrue(db <= -80, "sweep error " + db + " dB");
    }

    @ParameterizedTest(name = "{0} Hz -> {1} Hz")
    @CsvSource({"44100, 48000", "8000, 48000", "96000, 48000", "44101, 48000"})
    void outputDoesNotDependOnHowTheInputIsChunked(int from, int to) throws IOException {
        float[] in = tone(1234.5, from, 2.1);
        float[] whole = ArraySource.drain(Resampler.of(from, to).resample(new ArraySource(in, from)), 65536);
        for (int chunk : new int[] {1, 7, 480, 4096, 100000}) {
            float[] chunked = ArraySource.drain(Resampler.of(from, to).resample(new ArraySource(in, from, chunk)), chunk);
            assertArrayEquals(whole, chunked, "input chunks of " + chunk);
        }
    }

    @ParameterizedTest(name = "{0} Hz -> {1} Hz")
    @CsvSource({"44100, 48000", "48000, 44100", "8000, 48000", "96000, 48000", "11025, 48000", "16000, 44100"})
    void blockwiseStreamMatchesOneDotProductPerOutput(int from, int to) throws IOException {
        java.util.Random random = new java.util.Random(from);
        float[] in = new float[3 * from + 17];
        for (int i = 0; i < in.length; i++) {
            in[i] = (float) (0.3 * random.nextGaussian());
        }
        Resampler resampler = Resampler.of(from, to);
        float[] blockwise = ArraySource.drain(resampler.resample(new ArraySource(in, from, 3001)), 2000);
        float[] direct = ArraySource.drain(resampler.resampleDirectly(new ArraySource(in, from, 3001)), 2000);
        assertEquals(direct.length, blockwise.length);
        for (int k = 0; k < direct.length; k++) {
            assertEquals(direct[k], blockwise[k], 1e-6, "output sample " + k);
        }
    }

    @Test
    void outputCoversExactlyTheInputsDuration() throws IOException {
        for (int n : new int[] {0, 1, 147, 44100, 44101}) {
            float[] out = resample(new float[n], 44100, 48000);
            assertEquals(Resampler.of(44100, 48000).outputLength(n), out.length);
            assertEquals((long) Math.ceil(n * 48000.0 / 44100), out.length, n + " input samples");
        }
    }

    @Test
    void sameRatePassesThroughUntouched() {
        ArraySource source = new ArraySource(new float[] {1, 2, 3}, 48000);
        assertSame(source, Resampler.of(48000, 48000).resample(source));
    }

    @Test
    void ratesOutsideTheSupportedRangeAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Resampler.of(7999, 48000));
        assertTrue(e.getMessage().contains("7999"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Resampler.of(48000, 192001));
    }
}
