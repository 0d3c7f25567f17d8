package io.soundmark.examples;

import io.soundmark.AudioFingerprinter;
import io.soundmark.FingerprintInput;
import io.soundmark.SegmentEmbedding;
import io.soundmark.model.ModelSource;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/**
 * Finds where a short jingle occurs in longer media: one window covering the jingle, fine-hopped
 * windows over the program, ranked by cosine similarity. With a real CLAP model the best window
 * lands on the jingle; the demo model only shows the mechanics.
 *
 * <pre>
 * java -cp soundmark.jar io.soundmark.examples.FindJingle jingle.wav program.wav model.pt
 * </pre>
 */
public final class FindJingle {

    private FindJingle() {
    }

    /** A program window and its similarity to the jingle. */
    public record Match(double startSec, double endSec, double similarity) {
    }

    /** Program windows ranked by similarity to the jingle, best first. */
    public static List<Match> find(Path jingle, Path program, ModelSource model) {
        try (AudioFingerprinter fingerprinter = AudioFingerprinter.builder()
                .model(model)
                .segmentDurationSec(2.5)            // about the jingle's length
                .segmentHopSec(0.5)
                .build()) {
            SegmentEmbedding needle = fingerprinter.fingerprint(FingerprintInput.audio(jingle)).get(0);
            return fingerprinter.fingerprint(FingerprintInput.audio(program)).stream()
                    .map(w -> new Match(w.startTimeSec(), w.endTimeSec(), needle.cosineSimilarity(w)))
                    .sorted(Comparator.comparingDouble(Match::similarity).reversed())
                    .toList();
        }
    }

    public static void main(String[] args) {
        Path jingle = Path.of(args.length > 0 ? args[0] : "fingerprint-examples/samples/jingle.wav");
        Path program = Path.of(args.length > 1 ? args[1] : "fingerprint-examples/samples/program.wav");
        ModelSource model = args.length > 2 ? ModelSource.file(Path.of(args[2])) : ModelSource.demo();
        for (Match m : find(jingle, program, model).subList(0, 3)) {
            System.out.printf("%.1f-%.1f s  similarity %.4f%n", m.startSec(), m.endSec(), m.similarity());
        }
    }
}
