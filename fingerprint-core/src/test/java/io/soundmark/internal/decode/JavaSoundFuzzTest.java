package io.soundmark.internal.decode;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.soundmark.DecoderContract;
import io.soundmark.DecoderContract.Promises;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the WAV, AIFF and AU readers (Java Sound's container parsing and our sample conversion)
 * along the core's path. {@code mvn verify} runs the seeds in {@code JavaSoundFuzzTestInputs};
 * {@code JAZZER_FUZZ=1} fuzzes (see the README's Fuzzing section).
 */
class JavaSoundFuzzTest {

    @FuzzTest(maxDuration = "60s")
    @Timeout(10)
    void wavAiffAndAuDecodeOrFailCleanly(byte[] bytes) {
        DecoderContract.check("javasound", bytes, Promises.EXACT_LENGTH);
    }
}
