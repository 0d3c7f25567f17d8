package io.soundmark.cli;

import io.soundmark.AudioFingerprinter;
import io.soundmark.FingerprintInput;
import io.soundmark.model.ModelSource;
import java.io.PrintWriter;
import java.util.Random;

/** Many windows through one fingerprinter, with the process's memory printed as it goes. */
final class SoakBenchmark {

    private SoakBenchmark() {
    }

    static void run(PrintWriter out, ModelSource source, long windows) {
        float[] audio = new float[48000 * 120];
        Random random = new Random(3);
        for (int i = 0; i < audio.length; i++) {
            audio[i] = (float) (random.nextGaussian() * 0.1);
        }
        // RSS minus the committed Java heap is what native memory (libtorch, buffers, JIT) adds
        out.println("soak: windows, RSS (MiB), peak RSS (MiB), Java heap committed (MiB), RSS - heap (MiB), elapsed (s)");
        long start = System.nanoTime();
        long done = 0;
        long nextReport = 0;
        try (AudioFingerprinter f = AudioFingerprinter.builder().model(source).segmentDurationSec(1).segmentHopSec(0.5)
                .build()) {
            while (done < windows) {
                done += f.fingerprint(FingerprintInput.pcm(audio, 48000, 1)).size();
                if (done >= nextReport || done >= windows) {
                    double rss = ProcessStats.rssKb() / 1024.0;
                    double heap = ProcessStats.heapCommittedKb() / 1024.0;
                    out.printf("  %7d %8.0f %8.0f %8.0f %8.0f %8.1f%n", done, rss, ProcessStats.peakRssKb() / 1024.0,
                            heap, rss - heap, (System.nanoTime() - start) / 1e9);
                    out.flush();
                    nextReport = done + Math.max(windows / 20, 1);
                }
            }
        }
    }
}
