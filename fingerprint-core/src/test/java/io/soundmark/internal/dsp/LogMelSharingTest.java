package io.soundmark.internal.dsp;

import io.soundmark.model.FeatureSettings;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Frames shared between overlapping windows give exactly the features computed from scratch. */
class LogMelSharingTest {

    @ParameterizedTest(name = "duration {0} s, hop {1} s")
    @CsvSource({"5, 2.5", "5, 5", "3.3, 1", "1, 0.5", "10, 2.5", "12, 5", "7.77, 3.1"})
    void sharedFramesAreIdenticalToFreshOnes(double duration, double hop) throws IOException {
        float[] stream = new float[48000 * 24];
        Random random = new Random(5);
        for (int i = 0; i < stream.length; i++) {
            stream[i] = (float) (random.nextGaussian() * 0.2);
        }
        FeatureSettings settings = FeatureSettings.clapHtsatUnfused();
        LogMelSpectrogram shared = new LogMelSpectrogram(settings);
        WindowIterator windows = new WindowIterator(new ArraySource(stream, 48000, 7000), duration, hop, 600, () -> 24.0);
        int max = settings.maxSamples();
        long fresh = 0;
        for (AudioWindow w; (w = windows.next()) != null; ) {
            for (int offset = 0; offset < w.length(); offset += max) {
                int length = Math.min(max, w.length() - offset);
                float[] a = new float[settings.blockSize()];
                shared.compute(w.buffer(), w.offset() + offset, length, w.startSample() + offset, a, 0);
                LogMelSpectrogram scratch = new LogMelSpectrogram(settings);
                float[] b = scratch.compute(w.buffer(), w.offset() + offset, length);
                fresh += scratch.framesComputed();
                assertArrayEquals(b, a, "window " + w.index() + ", chunk at " + offset);
            }
            shared.forgetBefore(w.startSample());
        }
        if (duration == 5 && hop == 2.5) {
            // half of each window's frames repeat its first copy, and half of those the previous window's
            assertTrue(shared.framesComputed() < 0.3 * fresh, shared.framesComputed() + " of " + fresh + " frames");
        }
    }
}
