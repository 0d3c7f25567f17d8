package io.soundmark.cli;

import io.soundmark.AudioFingerprinter;
import io.soundmark.DecodedAudio;
import io.soundmark.FingerprintInput;
import io.soundmark.model.ModelSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** Decoding speed alone, in multiples of real time: decoder and downmix, at the source's own rate. */
final class DecodeBenchmark {

    private final String decoder;
    private final int runs;

    DecodeBenchmark(String decoder, int runs) {
        this.decoder = decoder;
        this.runs = runs;
    }

    void run(PrintWriter out, List<Path> files) throws IOException {
        out.println("decode only (decoder and downmix, no resampling), median of runs:");
        for (Path file : files) {
            int rate;
            try (AudioFingerprinter probe = AudioFingerprinter.builder().model(ModelSource.demo()).decoder(decoder).build();
                 DecodedAudio audio = probe.openAudio(FingerprintInput.audio(file))) {
                rate = audio.sourceSampleRate();
            }
            try (AudioFingerprinter f = AudioFingerprinter.builder().model(ModelSource.demo()).decoder(decoder)
                    .sampleRate(rate).maxAudioLengthSec(600).build()) {
                long[] samples = new long[1];
                double ms = Timing.medianMs(runs, () -> {
                    try (DecodedAudio audio = f.openAudio(FingerprintInput.audio(file))) {
                        float[] buffer = new float[1 << 16];
                        samples[0] = 0;
                        for (int n; (n = audio.read(buffer, 0, buffer.length)) > 0; ) {
                            samples[0] += n;
                        }
                        return samples[0];
                    }
                });
                double seconds = (double) samples[0] / rate;
                out.printf("  %-24s %6.1f s at %d Hz in %8.1f ms: %7.1f x real time%n", file.getFileName(), seconds,
                        rate, ms, seconds / (ms / 1000));
            }
        }
    }
}
