package io.soundmark.examples;

import io.soundmark.AudioFingerprinter;
import io.soundmark.FingerprintInput;
import io.soundmark.SegmentEmbedding;
import io.soundmark.model.ModelSource;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * Streams the records of a long input to a JSON Lines file as they are produced, holding one
 * window in memory at a time.
 *
 * <pre>
 * java -cp soundmark.jar io.soundmark.examples.StreamToJsonLines long-show.wav show.jsonl
 * </pre>
 */
public final class StreamToJsonLines {

    private StreamToJsonLines() {
    }

    public static void main(String[] args) throws IOException {
        Path audio = Path.of(args.length > 0 ? args[0] : "fingerprint-examples/samples/program.wav");
        Path out = Path.of(args.length > 1 ? args[1] : "program.jsonl");
        System.out.println(write(audio, out) + " records written to " + out);
    }

    /** Writes one JSON object per window; returns the number written. */
    public static long write(Path audio, Path jsonLines) throws IOException {
        try (AudioFingerprinter fingerprinter = AudioFingerprinter.builder()
                     .model(ModelSource.demo())
                     .maxAudioLengthSec(600)
                     .build();
             Stream<SegmentEmbedding> segments = fingerprinter.stream(FingerprintInput.audio(audio));
             Writer out = Files.newBufferedWriter(jsonLines)) {
            long written = 0;
            for (Iterator<SegmentEmbedding> it = segments.iterator(); it.hasNext(); written++) {
                out.write(it.next().toJson());
                out.write('\n');
            }
            return written;
        }
    }
}
