package io.soundmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.soundmark.decode.PcmStream;
import java.io.IOException;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** A decoder library that fails with an unchecked exception is taken for a corrupt input, not a crash. */
class CheckedPcmStreamTest {

    /** Hands out {@code good} frames, then fails as JLayer did on a corrupt MP3 frame. */
    private static PcmStream failingAfter(int good) {
        return new PcmStream() {
            private int left = good;

            @Override
            public int sampleRate() {
                return 8000;
            }

            @Override
            public int channels() {
                return 1;
            }

            @Override
            public OptionalLong frameLength() {
                return OptionalLong.empty();
            }

            @Override
            public int read(float[] buffer, int frames) {
                if (left == 0) {
                    throw new ArrayIndexOutOfBoundsException("Index 580 out of bounds for length 580");
                }
                int n = Math.min(frames, left);
                left -= n;
                return n;
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void anUncheckedFailureAfterSomeFramesEndsTheDecodeWithItsCause() throws IOException {
        CheckedPcmStream pcm = new CheckedPcmStream("x.mp3", failingAfter(100));
        assertEquals(100, pcm.read(new float[1000], 1000));
        assertEquals(-1, pcm.read(new float[1000], 1000));
        assertEquals("the decoder failed: Index 580 out of bounds for length 580", pcm.stopCause().getMessage());
    }

    @Test
    void anUncheckedFailureBeforeAnyFrameIsAnIoFailure() {
        CheckedPcmStream pcm = new CheckedPcmStream("x.mp3", failingAfter(0));
        IOException e = assertThrows(IOException.class, () -> pcm.read(new float[1000], 1000));
        assertEquals("the decoder failed: Index 580 out of bounds for length 580", e.getMessage());
    }
}
