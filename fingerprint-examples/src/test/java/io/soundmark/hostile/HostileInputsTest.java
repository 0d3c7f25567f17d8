package io.soundmark.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.soundmark.AudioFingerprinter;
import io.soundmark.FingerprintInput;
import io.soundmark.FingerprintWarning;
import io.soundmark.SegmentEmbedding;
import io.soundmark.model.ModelSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile-input corpus ({@code hostile/}, see its README), in-process through one shared
 * fingerprinter with the demo model, in the 256 MB heap of this module's tests: every case gives
 * its expected outcome within 2 s. {@code -Dsoundmark.hostile.dir=DIR} runs another corpus made by
 * the same script.
 */
class HostileInputsTest {

    private static final Path DIR = HostileCase.directory();
    private static final Queue<FingerprintWarning> WARNINGS = new ConcurrentLinkedQueue<>();
    private static final Tally TALLY = new Tally("in-process, " + DIR);
    private static AudioFingerprinter fingerprinter;

    @TempDir
    static Path scratch;

    @BeforeAll
    static void open() {
        fingerprinter = AudioFingerprinter.builder().model(ModelSource.demo()).onWarning(WARNINGS::add).build();
        // load the model first, so that no case is charged for it
        fingerprinter.fingerprint(FingerprintInput.pcm(new float[48000], 48000, 1));
        WARNINGS.clear();
    }

    @AfterAll
    static void close() {
        fingerprinter.close();
        System.out.print(TALLY.report());
    }

    static List<HostileCase> cases() {
        return HostileCase.load(DIR);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachHostileInputGivesItsExpectedOutcomeInTime(HostileCase c) {
        String location = c.location(DIR, scratch);
        FingerprintInput input = c.video() ? FingerprintInput.video(Path.of(location)) : FingerprintInput.audio(Path.of(location));
        WARNINGS.clear();
        Outcome outcome = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> run(input), c.name() + " hangs");
        List<String> problems = outcome.problems(c, input.name());
        TALLY.add(c, outcome, problems);
        assertEquals(List.of(), problems, c.name() + " (" + c.why() + "): " + outcome.describe());
    }

    private static Outcome run(FingerprintInput input) {
        long start = System.nanoTime();
        try {
            List<SegmentEmbedding> records = fingerprinter.fingerprint(input);
            return new Outcome(records, warnings(input), null, null, (System.nanoTime() - start) / 1e9);
        } catch (RuntimeException e) { // a MediaException is expected; anything else is a bad outcome
            return new Outcome(List.of(), warnings(input), e.getClass().getSimpleName(), String.valueOf(e.getMessage()),
                    (System.nanoTime() - start) / 1e9);
        }
    }

    private static List<String> warnings(FingerprintInput input) {
        return WARNINGS.stream().map(w -> {
            assertEquals(input.name(), w.input(), "the warning names the input");
            return w.message();
        }).toList();
    }
}
