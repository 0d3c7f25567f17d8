package io.soundmark.examples;

import io.soundmark.AudioFingerprinter;
import io.soundmark.FingerprintInput;
import io.soundmark.index.Detection;
import io.soundmark.index.SegmentIndex;
import io.soundmark.index.SegmentParameters;
import io.soundmark.index.SoundmarkDetector;
import io.soundmark.model.ModelSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Registers sound marks (one clip each) in a marks index and finds every occurrence of them in a
 * program, with its start and end.
 *
 * <pre>
 * java -cp soundmark.jar io.soundmark.examples.DetectMarks marks-dir program.mp3 model.pt jingle.wav ad.wav
 * </pre>
 */
public final class DetectMarks {

    private DetectMarks() {
    }

    public static void main(String[] args) {
        List<Path> marks = java.util.Arrays.stream(args).skip(3).map(Path::of).toList();
        for (Detection d : detect(marks, Path.of(args[1]), Path.of(args[0]), ModelSource.of(args[2]))) {
            System.out.println(d.toJson());
        }
    }

    public static List<Detection> detect(List<Path> marks, Path program, Path marksDir, ModelSource model) {
        try (AudioFingerprinter fingerprinter = AudioFingerprinter.builder().model(model)
                     .segmentDurationSec(10)   // the longest window the detector may cut
                     .build();
             SegmentIndex index = SegmentIndex.open(marksDir)) {
            for (Path mark : marks) {          // one source per mark
                index.add(mark.getFileName().toString(), mark.toAbsolutePath().toString(),
                        SegmentParameters.of(fingerprinter.options()), fingerprinter.fingerprint(FingerprintInput.audio(mark)));
            }
            SoundmarkDetector detector = SoundmarkDetector.builder().marks(index).fingerprinter(fingerprinter).build();
            List<Detection> found = new ArrayList<>();
            detector.detect(FingerprintInput.audio(program), found::add);   // any length; in time order
            return found;
        }
    }
}
