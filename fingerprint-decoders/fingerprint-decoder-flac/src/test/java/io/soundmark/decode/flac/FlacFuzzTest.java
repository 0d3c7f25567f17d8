package io.soundmark.decode.flac;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.soundmark.DecoderContract;
import io.soundmark.DecoderContract.Promises;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes FLAC: STREAMINFO and the other metadata blocks, the checks of the header against the
 * first frame, and frame decoding, along the core's path. {@code mvn verify} runs the seeds in
 * {@code FlacFuzzTestInputs}; {@code JAZZER_FUZZ=1} fuzzes (see the README's Fuzzing section).
 */
class FlacFuzzTest {

    @FuzzTest(maxDuration = "60s")
    @Timeout(10)
    void flacStreamInfoAndFramesDecodeOrFailCleanly(byte[] bytes) {
        DecoderContract.check("flac", bytes, Promises.INTEGER_PCM);
    }
}
