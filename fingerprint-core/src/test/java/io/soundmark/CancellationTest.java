package io.soundmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.soundmark.model.ModelSource;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Calls stop promptly, with a clear exception, when their fingerprinter closes or their thread is interrupted. */
class CancellationTest {

    @Test
    void closingTheFingerprinterFailsTheRunningCallsPromptly() throws Exception {
        AudioFingerprinter f = AudioFingerprinter.builder().model(ModelSource.demo()).batchSize(1).build();
        CompletableFuture<Void> call = CompletableFuture.runAsync(
                () -> f.fingerprint(FingerprintInput.audio(new EndlessWav(20), "wav")));
        Thread.sleep(500);
        long start = System.nanoTime();
        f.close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> call.get(2, TimeUnit.SECONDS));
        assertTrue((System.nanoTime() - start) / 1e9 < 2, "close and the call's end within 2 s");
        assertTrue(e.getCause() instanceof CancelledException, e.getCause().toString());
        assertEquals("<stream wav>: cancelled: the fingerprinter was closed", e.getCause().getMessage());
        assertThrows(IllegalStateException.class, () -> f.fingerprint(FingerprintInput.pcm(new float[8000], 8000, 1)));
    }

    @Test
    void interruptingTheCallingThreadStopsItsCallAndLeavesTheFingerprinterUsable() throws Exception {
        try (AudioFingerprinter f = AudioFingerprinter.builder().model(ModelSource.demo()).build()) {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread caller = new Thread(() -> {
                try (Stream<SegmentEmbedding> s = f.streamUnbounded(FingerprintInput.audio(new EndlessWav(5), "wav"))) {
                    s.forEach(r -> { });
                } catch (RuntimeException e) {
                    failure.set(e);
                }
            });
            caller.start();
            Thread.sleep(700);
            long start = System.nanoTime();
            caller.interrupt();
            caller.join(2000);
            assertTrue(!caller.isAlive(), "the call stopped within 2 s of the interrupt");
            assertTrue((System.nanoTime() - start) / 1e9 < 2);
            assertTrue(failure.get() instanceof CancelledException, String.valueOf(failure.get()));
            assertTrue(failure.get().getMessage().endsWith("cancelled: the calling thread was interrupted"),
                    failure.get().getMessage());
            assertEquals(2, f.fingerprint(FingerprintInput.pcm(new float[48000 * 6], 48000, 1)).size());
        }
    }

    @Test
    void anAbandonedStreamDoesNotHoldUpClose() throws Exception {
        AudioFingerprinter f = AudioFingerprinter.builder().model(ModelSource.demo()).build();
        Iterator<SegmentEmbedding> abandoned = f.streamUnbounded(FingerprintInput.audio(new EndlessWav(5), "wav")).iterator();
        abandoned.next();
        long start = System.nanoTime();
        f.close();
        assertTrue((System.nanoTime() - start) / 1e9 < 1, "close did not wait for the abandoned stream");
        CancelledException e = assertThrows(CancelledException.class, abandoned::next);
        assertTrue(e.getMessage().contains("the fingerprinter was closed"), e.getMessage());
    }
}
