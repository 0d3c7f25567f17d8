package io.soundmark.examples;

import io.soundmark.AudioFingerprinter;
import io.soundmark.FingerprintInput;
import io.soundmark.SoundmarkException;
import io.soundmark.index.Detection;
import io.soundmark.index.DetectionListener;
import io.soundmark.index.DetectionSummary;
import io.soundmark.index.SegmentIndex;
import io.soundmark.index.SoundmarkDetector;
import io.soundmark.io.SourceOptions;
import io.soundmark.model.ModelSource;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Watches a live http(s) stream for the marks of a marks index and prints each occurrence as soon
 * as it is confirmed, for as long as the stream runs, reconnecting when the connection drops.
 *
 * <pre>
 * java -cp soundmark.jar io.soundmark.examples.MonitorStream marks-dir https://radio.example/live.mp3 model.pt
 * </pre>
 */
public final class MonitorStream {

    private MonitorStream() {
    }

    public static void main(String[] args) {
        monitor(args[1], Path.of(args[0]), ModelSource.of(args[2]), System.out);
    }

    public static DetectionSummary monitor(String url, Path marksDir, ModelSource model, PrintStream out) {
        try (AudioFingerprinter fingerprinter = AudioFingerprinter.builder().model(model).segmentDurationSec(10)
                     .sourceOptions(SourceOptions.defaults()
                             .withMaxBytes(Long.MAX_VALUE)              // a live stream has no end
                             .withReadTimeout(Duration.ofSeconds(20)))  // silence this long is a dropped connection
                     .build();
             SegmentIndex marks = SegmentIndex.builder(marksDir).readOnly().build()) {
            SoundmarkDetector detector = SoundmarkDetector.builder().marks(marks).fingerprinter(fingerprinter)
                    .reconnect(10, 5_000)                               // up to 10 times, 5 s apart
                    .build();
            return detector.detect(FingerprintInput.audio(url), new DetectionListener() {
                @Override
                public void onDetection(Detection d) {
                    out.println(d.toJson());
                }

                @Override
                public void onInterruption(SoundmarkException cause, double atSec, boolean reconnecting) {
                    out.println("stream broke off after " + atSec + " s (" + cause.getMessage() + ")"
                            + (reconnecting ? ", reconnecting" : ""));
                }
            });
        }
    }
}
