package io.soundmark.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.soundmark.AudioFingerprinter;
import io.soundmark.FingerprintInput;
import io.soundmark.SoundmarkException;
import io.soundmark.TestFiles;
import io.soundmark.model.ModelSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Detection end to end with the bundled demo model (random weights: it cannot tell a jingle from
 * speech, but a copy of a mark is far closer to the mark than anything else): marks spliced into
 * generated programs at times off every window grid are found at those times, and nothing is found
 * where there is nothing.
 */
class SoundmarkDetectorTest {

    static AudioFingerprinter fingerprinter;
    static final float[] SHORT = MarkedProgram.mark(1, 1.3);
    static final float[] MEDIUM = MarkedProgram.mark(2, 2.6);
    static final float[] LONG = MarkedProgram.mark(3, 4.1);

    @TempDir
    static Path shared;
    static Path marksDir;

    @TempDir
    Path tmp;

    @BeforeAll
    static void registerMarks() throws IOException {
        fingerprinter = AudioFingerprinter.builder().model(ModelSource.demo()).segmentDurationSec(10).build();
        marksDir = shared.resolve("marks");
        try (SegmentIndex marks = SegmentIndex.open(marksDir)) {
            add(marks, "short", SHORT);
            add(marks, "medium", MEDIUM);
            add(marks, "long", LONG);
        }
    }

    static void add(SegmentIndex marks, String id, float[] audio) throws IOException {
        Path wav = MarkedProgram.wav(shared.resolve(id + ".wav"), audio);
        marks.add(id, wav.toString(), SegmentParameters.of(fingerprinter.options()),
                fingerprinter.fingerprint(FingerprintInput.audio(wav)));
    }

    @AfterAll
    static void close() {
        fingerprinter.close();
    }

    static List<Detection> detect(FingerprintInput input) {
        try (SegmentIndex marks = SegmentIndex.open(marksDir)) {
            List<Detection> found = new ArrayList<>();
            SoundmarkDetector.builder().marks(marks).fingerprinter(fingerprinter).build().detect(input, found::add);
            return found;
        }
    }

    @Test
    void everyMarkIsFoundOnceAtItsStartInTimeOrder() throws IOException {
        float[] program = MarkedProgram.splice(MarkedProgram.program(10, 40), MarkedProgram.placements(
                LONG, 3.37, SHORT, 12.81, MEDIUM, 21.13, SHORT, 30.55));
        List<Detection> found = detect(FingerprintInput.audio(MarkedProgram.wav(tmp.resolve("p.wav"), program)));
        assertEquals(List.of("long", "short", "medium", "short"), found.stream().map(Detection::markId).toList(), found.toString());
        double[] starts = {3.37, 12.81, 21.13, 30.55};
        for (int i = 0; i < starts.length; i++) {
            Detection d = found.get(i);
            assertEquals(starts[i], d.startTimeSec(), 0.25, d.toString());
            assertEquals(d.startTimeSec() + (d.markId().equals("long") ? 4.1 : d.markId().equals("short") ? 1.3 : 2.6),
                    d.endTimeSec(), 1e-6);
            assertTrue(d.margin() >= 2, d.toString());
        }
    }

    @Test
    void aProgramWithoutMarksGivesNoDetection() throws IOException {
        List<Detection> found = detect(FingerprintInput.audio(MarkedProgram.wav(tmp.resolve("clean.wav"),
                MarkedProgram.program(11, 40))));
        assertEquals(List.of(), found);
    }

    @Test
    void marksAreFoundBeyondTheFingerprintersLengthLimit() throws IOException {
        float[] program = MarkedProgram.splice(MarkedProgram.program(12, 30), MarkedProgram.placements(MEDIUM, 24.4));
        try (SegmentIndex marks = SegmentIndex.open(marksDir);
             AudioFingerprinter capped = AudioFingerprinter.builder().model(ModelSource.demo()).segmentDurationSec(10)
                     .maxAudioLengthSec(10).build()) {
            List<Detection> found = new ArrayList<>();
            DetectionSummary summary = SoundmarkDetector.builder().marks(marks).fingerprinter(capped).build()
                    .detect(FingerprintInput.audio(MarkedProgram.wav(tmp.resolve("p.wav"), program)), found::add);
            assertEquals(List.of("medium"), found.stream().map(Detection::markId).toList());
            assertEquals(30.0, summary.programSec(), 1e-3);
        }
    }

    @Test
    void theScanCostsTwoModelCallsPerSecondForMarksOfAboutOneSecond() throws IOException {
        try (SegmentIndex marks = SegmentIndex.open(marksDir)) {
            SoundmarkDetector detector = SoundmarkDetector.builder().marks(marks).fingerprinter(fingerprinter).build();
            assertEquals(new WindowPlan(1.0, 0.5, 0.25, 10.0), detector.plan(), "1.3 s is the shortest mark");
            DetectionSummary s = detector.detect(FingerprintInput.audio(MarkedProgram.wav(tmp.resolve("clean.wav"),
                    MarkedProgram.program(13, 30))), d -> { });
            assertTrue(s.callsPerSecond() >= 1.9 && s.callsPerSecond() < 2.6, s.toString());
        }
    }

    @Test
    void marksArePreparedOnceAndKeptInTheIndex() {
        try (SegmentIndex marks = SegmentIndex.open(marksDir)) {
            SoundmarkDetector.builder().marks(marks).fingerprinter(fingerprinter).build();
            assertEquals(0, SoundmarkDetector.builder().marks(marks).fingerprinter(fingerprinter).build().preparationCalls());
        }
    }

    @Test
    void aFingerprinterOfAnotherModelIsRefused() throws IOException {
        Path probe = tmp.resolve("probe.pt");
        java.nio.file.Files.write(probe, TestFiles.resourceBytes("models/probe.pt"));
        java.nio.file.Files.write(tmp.resolve("probe.json"), TestFiles.resourceBytes("models/probe.json"));
        try (SegmentIndex marks = SegmentIndex.open(marksDir);
             AudioFingerprinter other = AudioFingerprinter.builder().model(ModelSource.file(probe)).build()) {
            IndexException e = assertThrows(IndexException.class,
                    () -> SoundmarkDetector.builder().marks(marks).fingerprinter(other).build());
            assertTrue(e.getMessage().contains("holds marks fingerprinted with model soundmark/demo-untrained"), e.getMessage());
        }
    }

    @Test
    void aMarkAddedFromAStreamCannotBePrepared(@TempDir Path dir) throws IOException {
        try (SegmentIndex marks = SegmentIndex.open(dir.resolve("marks"))) {
            byte[] wav = MarkedProgram.wavBytes(MEDIUM);
            marks.add("streamed", null, SegmentParameters.of(fingerprinter.options()),
                    fingerprinter.fingerprint(FingerprintInput.audio(new java.io.ByteArrayInputStream(wav), "wav")));
            SoundmarkException e = assertThrows(SoundmarkException.class,
                    () -> SoundmarkDetector.builder().marks(marks).fingerprinter(fingerprinter).build());
            assertTrue(e.getMessage().contains("mark streamed was added from a stream"), e.getMessage());
        }
    }
}
