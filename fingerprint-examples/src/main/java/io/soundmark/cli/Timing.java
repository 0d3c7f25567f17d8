package io.soundmark.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Medians of repeated timings, for the benchmarks. */
final class Timing {

    /** Work whose result is kept, so that the JIT cannot drop it. */
    @FunctionalInterface
    interface Work {
        long run() throws IOException;
    }

    private Timing() {
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    /** Median wall time of {@code runs} runs of {@code work}, in ms. */
    static double medianMs(int runs, Work work) throws IOException {
        List<Double> times = new ArrayList<>();
        long sink = 0;
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            sink += work.run();
            times.add((System.nanoTime() - start) / 1e6);
        }
        if (sink == Long.MIN_VALUE) {
            throw new IllegalStateException(); // keeps the work observable
        }
        return median(times);
    }

    /** Stereo (or any channel count) 16-bit Gaussian noise at about -20 dBFS. */
    static java.nio.file.Path noiseWav(java.nio.file.Path file, int rate, int channels, double seconds, long seed)
            throws IOException {
        java.util.Random random = new java.util.Random(seed);
        float[] chunk = new float[8192 * channels];
        long left = Math.round(seconds * rate) * channels;
        try (WavWriter wav = WavWriter.pcm16(file, rate, channels)) {
            while (left > 0) {
                int n = (int) Math.min(chunk.length, left);
                for (int i = 0; i < n; i++) {
                    chunk[i] = (float) (random.nextGaussian() * 0.1);
                }
                wav.write(chunk, n);
                left -= n;
            }
        }
        return file;
    }
}
