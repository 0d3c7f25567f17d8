package io.soundmark.decode.mp3;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.soundmark.DecoderContract;
import io.soundmark.DecoderContract.Promises;
import java.util.Set;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes MP3 frame-header, ID3v2 and Xing/LAME parsing at every offset of the input, then
 * decoding along the core's path. {@code mvn verify} runs the seeds in {@code Mp3FuzzTestInputs};
 * {@code JAZZER_FUZZ=1} fuzzes (see the README's Fuzzing section).
 */
class Mp3FuzzTest {

    private static final Set<Integer> RATES = Set.of(8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000);

    @FuzzTest(maxDuration = "60s")
    @Timeout(10)
    void mp3FramesAndGaplessInfoDecodeOrFailCleanly(byte[] bytes) {
        for (int offset = 0; offset < bytes.length; offset++) {
            MpegFrameHeader header = MpegFrameHeader.parse(bytes, offset);
            if (header != null && (!RATES.contains(header.sampleRate()) || header.frameBytes() < 4 + header.sideInfoBytes())) {
                throw new AssertionError("impossible frame header at " + offset + ": " + header);
            }
            MpegFrameHeader.isStreamAt(bytes, offset);
            GaplessInfo gapless = GaplessInfo.parse(bytes, offset);
            if (gapless != null && (gapless.frames() < 0 || gapless.delay() < 0 || gapless.padding() < 0)) {
                throw new AssertionError("impossible gapless info at " + offset + ": " + gapless);
            }
            if (Mp3DecoderProvider.id3v2Length(bytes, offset) < 0) {
                throw new AssertionError("negative ID3v2 length at " + offset);
            }
        }
        DecoderContract.check("mp3", bytes, Promises.INTEGER_PCM);
    }
}
