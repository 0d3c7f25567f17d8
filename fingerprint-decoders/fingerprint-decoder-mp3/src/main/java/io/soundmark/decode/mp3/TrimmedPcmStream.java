package io.soundmark.decode.mp3;

import io.soundmark.decode.PcmStream;
import java.io.IOException;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Drops the first {@code skip} frames of a stream (the encoder's and the decoder's delay) and, when
 * the length the LAME header states is trusted, ends after it (dropping the encoder's padding). A
 * stream that ends before the stated length fails there, saying so.
 */
final class TrimmedPcmStream implements PcmStream {

    private final PcmStream in;
    private final long stated;
    private final boolean trusted;
    private long toSkip;
    private long delivered;
    private float[] scratch = new float[0];

    /**
     * @param skip    frames to drop at the start
     * @param stated  frames the LAME header states
     * @param trusted whether to end after {@code stated} frames and report it as the length; when
     *                not (the file cannot hold that much), the stream runs to its end and only an
     *                end before {@code stated} is reported
     */
    TrimmedPcmStream(PcmStream in, long skip, long stated, boolean trusted) {
        this.in = in;
        this.toSkip = skip;
        this.stated = stated;
        this.trusted = trusted;
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
        return trusted ? OptionalLong.of(stated) : OptionalLong.empty();
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
                return end();
            }
            toSkip -= got;
        }
        long left = trusted ? stated - delivered : Long.MAX_VALUE;
        if (left <= 0) {
            return -1;
        }
        int got = in.read(buffer, (int) Math.min(frames, left));
        if (got < 0) {
            return end();
        }
        delivered += got;
        return got;
    }

    private int end() throws IOException {
        if (delivered < stated) {
            throw new IOException(String.format(Locale.ROOT, "the file ends at %.1f s of the %.1f s its LAME header states",
                    (double) delivered / in.sampleRate(), (double) stated / in.sampleRate()));
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
