package io.soundmark.decode.mp3;

import io.soundmark.decode.PcmStream;
import java.io.IOException;
import java.util.OptionalLong;

/** Drops the first {@code skip} frames of a stream and ends it after {@code length} frames. */
final class TrimmedPcmStream implements PcmStream {

    private final PcmStream in;
    private final long length;
    private long toSkip;
    private long delivered;
    private float[] scratch = new float[0];

    TrimmedPcmStream(PcmStream in, long skip, long length) {
        this.in = in;
        this.toSkip = skip;
        this.length = length;
    }

    @Override
    public int sampleRate() {
        return in.sampleRate();
    }

    @Override
    public int channels() {
        return in.channels();
    }

    @Override
    public OptionalLong frameLength() {
        return OptionalLong.of(length);
    }

    @Override
    public int read(float[] buffer, int frames) throws IOException {
        int ch = in.channels();
        while (toSkip > 0) {
            int n = (int) Math.min(toSkip, 4096);
            if (scratch.length < n * ch) {
                scratch = new float[n * ch];
            }
            int got = in.read(scratch, n);
            if (got < 0) {
                return -1;
            }
            toSkip -= got;
        }
        long left = length - delivered;
        if (left <= 0) {
            return -1;
        }
        int got = in.read(buffer, (int) Math.min(frames, left));
        if (got > 0) {
            delivered += got;
        }
        return got;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
