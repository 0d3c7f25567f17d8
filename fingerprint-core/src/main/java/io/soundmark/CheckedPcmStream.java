package io.soundmark;

import io.soundmark.decode.PcmStream;
import io.soundmark.internal.dsp.Resampler;
import java.io.IOException;
import java.util.OptionalLong;

/**
 * Holds a decoder to the promises of {@link PcmStream}: it counts the frames decoded, turns a
 * decoder failure after the first frames into an early end whose cause is kept (a partial decode),
 * takes a decoder's unchecked exception for such a failure, and rejects non-finite or absurd
 * samples as an input error naming the first bad sample's time.
 */
final class CheckedPcmStream implements PcmStream {

    /** Samples beyond this magnitude (120 dB over full scale) are garbage, not audio. */
    static final float ABSURD = 1e6f;

    private final String inputName;
    private final PcmStream pcm;
    private long frames;
    private boolean ended;
    private IOException stopCause;

    /**
     * @throws MediaException when the stream's rate or channel count cannot be processed (the one
     *                        place this is checked, for decoders and caller-supplied PCM alike)
     */
    CheckedPcmStream(String inputName, PcmStream pcm) {
        int rate = pcm.sampleRate();
        if (rate < Resampler.MIN_RATE || rate > Resampler.MAX_RATE) {
            throw new MediaException(inputName, "sample rate " + rate + " Hz is outside the supported "
                    + Resampler.MIN_RATE + " to " + Resampler.MAX_RATE + " Hz");
        }
        if (pcm.channels() < 1) {
            throw new MediaException(inputName, "no audio channels");
        }
        this.inputName = inputName;
        this.pcm = pcm;
    }

    @Override
    public int sampleRate() {
        return pcm.sampleRate();
    }

    @Override
    public int channels() {
        return pcm.channels();
    }

    @Override
    public OptionalLong frameLength() {
        return pcm.frameLength();
    }

    /**
     * Reads like the decoder, except that a failure after at least one frame ends the stream (see
     * {@link #stopCause()}); a failure before any frame is thrown, as nothing usable was decoded.
     */
    @Override
    public int read(float[] buffer, int frameCount) throws IOException {
        if (ended) {
            return -1;
        }
        if (frameCount == 0) {
            return 0;
        }
        int n;
        try {
            n = pcm.read(buffer, frameCount);
        } catch (IOException | RuntimeException e) {
            // a decoder library failing on corrupt data with an unchecked exception breaks the SPI's
            // contract, but is corrupt data all the same: never a crash of the caller
            IOException failure = e instanceof IOException io ? io
                    : new IOException("the decoder failed: " + SourceResolver.describe(e), e);
            if (frames == 0) {
                throw failure;
            }
            stopCause = failure;
            ended = true;
            return -1;
        }
        if (n < 0) {
            ended = true;
            return -1;
        }
        checkSamples(buffer, n * pcm.channels());
        frames += n;
        return n;
    }

    private void checkSamples(float[] buffer, int count) {
        for (int i = 0; i < count; i++) {
            float v = buffer[i];
            if (!(Math.abs(v) <= ABSURD)) { // NaN fails this too
                double at = (double) (frames + i / pcm.channels()) / pcm.sampleRate();
                throw new MediaException(inputName, String.format("sample %s at %.3f s is not audio (%s)",
                        Float.isFinite(v) ? String.format("%.3g", v) : Float.toString(v), at,
                        Float.isFinite(v) ? "far outside [-1, 1]" : "not a finite number"));
            }
        }
    }

    /** Frames decoded so far; all of them once the stream has ended. */
    long frames() {
        return frames;
    }

    /** Whether the decoder has ended (or failed after some frames). */
    boolean ended() {
        return ended;
    }

    /** Why decoding stopped early, or null when it ended normally (or has not ended). */
    IOException stopCause() {
        return stopCause;
    }

    @Override
    public void close() throws IOException {
        pcm.close();
    }
}
