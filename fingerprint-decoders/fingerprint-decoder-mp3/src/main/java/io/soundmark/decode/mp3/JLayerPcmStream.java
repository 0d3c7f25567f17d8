package io.soundmark.decode.mp3;

import io.soundmark.decode.PcmStream;
import java.io.IOException;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * JLayer's decode, whose failures on some corrupt frames (runtime exceptions from deep inside,
 * such as an index out of bounds in its Huffman decoder) become {@link IOException}s saying where.
 */
final class JLayerPcmStream implements PcmStream {

    private final PcmStream in;
    private long delivered;

    JLayerPcmStream(PcmStream in) {
        this.in = in;
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
        return in.frameLength();
    }

    @Override
    public int read(float[] buffer, int frames) throws IOException {
        int n;
        try {
            n = in.read(buffer, frames);
        } catch (RuntimeException e) {
            throw new IOException(String.format(Locale.ROOT, "a corrupt MP3 frame after %.1f s (JLayer cannot decode it)",
                    (double) delivered / in.sampleRate()), e);
        }
        delivered += Math.max(0, n);
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
