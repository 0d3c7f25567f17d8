package io.soundmark.examples;

import io.soundmark.AudioFingerprinter;
import io.soundmark.FingerprintInput;
import io.soundmark.SegmentEmbedding;
import io.soundmark.model.ModelSource;
import java.nio.file.Path;
import java.util.List;

/**
 * Fingerprints one file and prints a line per window.
 *
 * <pre>
 * java -cp soundmark.jar io.soundmark.examples.QuickStart fingerprint-examples/samples/jingle.wav
 * </pre>
 */
public final class QuickStart {

    private QuickStart() {
    }

    public static void main(String[] args) {
        Path audio = Path.of(args.length > 0 ? args[0] : "fingerprint-examples/samples/jingle.wav");
        for (SegmentEmbedding segment : fingerprint(audio)) {
            System.out.printf("%d: %.1f-%.1f s, %d-d vector from %s%n", segment.segmentIndex(),
                    segment.startTimeSec(), segment.endTimeSec(), segment.embedding().length, segment.embeddingModel());
        }
    }

    static List<SegmentEmbedding> fingerprint(Path audio) {
        try (AudioFingerprinter fingerprinter = AudioFingerprinter.builder()
                .model(ModelSource.demo())          // or ModelSource.file(Path.of("clap-htsat-unfused")), an export
                .segmentDurationSec(5.0)
                .segmentHopSec(2.5)
                .build()) {
            return fingerprinter.fingerprint(FingerprintInput.audio(audio));
        }
    }
}
