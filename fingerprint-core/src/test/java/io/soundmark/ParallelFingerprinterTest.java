package io.soundmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.soundmark.model.ModelSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParallelFingerprinterTest {

    static AudioFingerprinter demo;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() {
        demo = AudioFingerprinter.builder().model(ModelSource.demo()).build();
    }

    @AfterAll
    static void close() {
        demo.close();
    }

    @Test
    void manyInputsRunConcurrentlyWithOneModelAndFailuresStayTheirOwn() throws IOException {
        List<FingerprintInput> inputs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            inputs.add(FingerprintInput.audio(TestFiles.writeWav16(tmp.resolve(i + ".wav"), 44100, 1, 44100 * (6 + i),
                    TestFiles.noise(0.3, i))));
        }
        inputs.add(FingerprintInput.audio(tmp.resolve("missing.wav")));
        Map<FingerprintInput, InputResult> results = new ConcurrentHashMap<>();
        new ParallelFingerprinter(demo, 3).run(inputs, r -> results.put(r.input(), r));
        assertEquals(6, results.size());
        for (int i = 0; i < 5; i++) {
            InputResult r = results.get(inputs.get(i));
            assertTrue(r.succeeded());
            assertEquals(0.0, AudioFingerprinterTest.maxAbsDiff(demo.fingerprint(inputs.get(i)), r.segments()),
                    "same as one at a time");
        }
        InputResult missing = results.get(inputs.get(5));
        assertTrue(!missing.succeeded() && missing.failure().getMessage().endsWith("no such file"));
    }

    @Test
    void parallelismOutsideItsRangeIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ParallelFingerprinter(demo, 0));
        assertTrue(e.getMessage().startsWith("parallelism = 0 is out of range"), e.getMessage());
    }

    @Test
    void cancelStopsTheInputsInFlightAndSkipsTheRest() {
        List<FingerprintInput> inputs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            inputs.add(FingerprintInput.audio(new EndlessWav(20), "wav"));
        }
        ParallelFingerprinter parallel = new ParallelFingerprinter(demo, 2);
        List<InputResult> results = new ArrayList<>();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            timer.schedule(parallel::cancel, 500, TimeUnit.MILLISECONDS);
            long start = System.nanoTime();
            CancelledException e = assertThrows(CancelledException.class, () -> parallel.run(inputs, results::add));
            double seconds = (System.nanoTime() - start) / 1e9;
            assertTrue(seconds < 2.5, "stopped " + seconds + " s after the start, cancelled at 0.5 s");
            assertTrue(e.getMessage().contains("0 done when cancelled"), e.getMessage());
            assertEquals(List.of(), results);
        } finally {
            timer.shutdownNow();
        }
        assertEquals(2, demo.fingerprint(FingerprintInput.pcm(new float[48000 * 6], 48000, 1)).size(),
                "the shared fingerprinter still works");
    }
}
