package io.soundmark.internal.dsp;

import io.soundmark.decode.PcmStream;
import io.soundmark.internal.dsp.SampleSource;
import java.io.IOException;

/** Averages the channels of decoded audio to mono. */
public final class Downmix implements SampleSource {

    private static final int CHUNK_FRAMES = 8192;

    private final PcmStream pcm;
    private final int channels;
    private final float[] interleaved;
    private boolean ended;

    public Downmix(PcmStream pcm) {
        this.pcm = pcm;
        this.channels = pcm.channels();
        this.interleaved = new float[CHUNK_FRAMES * channels];
    }

    @Override
    public int sampleRate() {
        return pcm.sampleRate();
    }

    @Override
    public int read(float[] buffer, int offset, int length) throws IOException {
        if (ended) {
            return -1;
        }
        int frames = pcm.read(interleaved, Math.min(length, CHUNK_FRAMES));
        if (frames < 0) {
            ended = true;
            return -1;
        }
        if (channels == 1) {
            System.arraycopy(interleaved, 0, buffer, offset, frames);
        } else if (channels == 2) { // the general loop's arithmetic, unrolled for the common case
            for (int i = 0, p = 0; i < frames; i++, p += 2) {
                buffer[offset + i] = (float) (((double) interleaved[p] + interleaved[p + 1]) / 2);
            }
        } else {
            for (int i = 0, p = 0; i < frames; i++) {
                double sum = 0;
                for (int c = 0; c < channels; c++) {
                    sum += interleaved[p++];
                }
                buffer[offset + i] = (float) (sum / channels);
            }
        }
        return frames;
    }

    /** Reads the rest of the source without using it (to count its frames). */
    public void skipToEnd() throws IOException {
        while (!ended) {
            ended = pcm.read(interleaved, CHUNK_FRAMES) < 0;
        }
    }
}
