package io.soundmark.formats;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.soundmark.DecoderContract;
import io.soundmark.DecoderContract.Promises;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes media probing and the choice of decoder with every decoder module installed, as the
 * command line has them: each decoder's probe, the format guess used in messages, then decoding
 * with the chosen decoder (FFmpeg included). {@code mvn verify} runs the seeds in
 * {@code MediaProbeFuzzTestInputs}; {@code JAZZER_FUZZ=1} fuzzes (see the README's Fuzzing section).
 */
class MediaProbeFuzzTest {

    @FuzzTest(maxDuration = "60s")
    @Timeout(10)
    void anyBytesAreProbedAndDecodedOrRefusedCleanly(byte[] bytes) {
        DecoderContract.check(null, bytes, Promises.ANY);
    }
}
