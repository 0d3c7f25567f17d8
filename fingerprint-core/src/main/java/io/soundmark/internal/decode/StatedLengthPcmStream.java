package io.soundmark.internal.decode;

import io.soundmark.decode.PcmStream;
import java.io.IOException;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Holds the length a header states to what the file holds: {@link #frameLength()} is at most the
 * frames that the bytes after the header can hold, and a stream that ends before the stated length
 * fails there, saying so (the core keeps what came before and warns). A header that promises
 * audio the file does not hold at all is refused when opening.
 */
final class StatedLengthPcmStream implements PcmStream {

    private final PcmStream pcm;
    private final long stated;
    private final long held;
    private long delivered;

    /**
     * @param stated frames the header states, or -1 when it states none
     * @param held   frames the bytes after the header hold, or -1 when the file's size is unknown
     * @throws IOException when the header states audio but the file ends after the header
     *                     ({@code pcm} is closed then)
     */
    StatedLengthPcmStream(PcmStream pcm, long stated, long held) throws IOException {
        this.pcm = pcm;
        this.stated = stated;
        this.held = held;
        if (stated > 0 && held == 0) {
            pcm.close();
            throw new IOException(String.format(Locale.ROOT, "the header promises %s of audio but the file ends after the header",
                    seconds(stated)));
        }
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
        if (stated >= 0) {
            return OptionalLong.of(held >= 0 ? Math.min(stated, held) : stated);
        }
        return held >= 0 ? OptionalLong.of(held) : OptionalLong.empty();
    }

    @Override
    public int read(float[] buffer, int frames) throws IOException {
        int n = pcm.read(buffer, frames);
        if (n > 0) {
            delivered += n;
        } else if (n < 0 && stated >= 0 && delivered < stated) {
            throw new IOException(String.format(Locale.ROOT, "the file ends at %s of the %s its header states",
                    seconds(delivered), seconds(stated)));
        }
        return n;
    }

    private String seconds(long frames) {
        return String.format(Locale.ROOT, "%.1f s", (double) frames / pcm.sampleRate());
    }

    @Override
    public void close() throws IOException {
        pcm.close();
    }
}
