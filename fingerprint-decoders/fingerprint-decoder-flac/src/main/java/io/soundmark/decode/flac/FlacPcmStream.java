package io.soundmark.decode.flac;

import io.soundmark.decode.PcmStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Locale;
import java.util.OptionalLong;
import org.jflac.ChannelData;
import org.jflac.FLACDecoder;
import org.jflac.FrameListener;
import org.jflac.frame.Frame;
import org.jflac.metadata.Metadata;
import org.jflac.metadata.StreamInfo;
import org.jflac.util.ByteData;

/**
 * Frames decoded by jflac, handed out as floats. A stream that ends before the length its
 * STREAMINFO states fails there, saying so; one that goes on past it is cut there (the length is
 * exact in a valid file). jflac's failures on corrupt frames become {@link IOException}s.
 */
final class FlacPcmStream implements PcmStream {

    private final FLACDecoder decoder;
    private final StreamInfo info;
    private final int channels;
    private final double scale;
    private final ByteData bytes;
    private float[] pending = new float[0];   // interleaved samples of the current frame
    private int pendingFrames;
    private int position;                       // frames of `pending` already handed out
    private boolean ended;
    private boolean checkedFirstFrame;
    private final long stated;
    private final boolean statedFits;
    private long delivered;

    /**
     * @param statedFits whether the file can hold the length STREAMINFO states; when not, no length
     *                   is reported, but an end before it still fails
     */
    FlacPcmStream(FLACDecoder decoder, StreamInfo info, boolean statedFits) {
        this.decoder = decoder;
        decoder.addFrameListener(new SpinGuard(decoder));
        this.info = info;
        this.stated = info.getTotalSamples(); // 0: not stated
        this.statedFits = statedFits;
        this.channels = info.getChannels();
        this.scale = 1.0 / (1L << (info.getBitsPerSample() - 1));
        this.bytes = new ByteData(info.getMaxBlockSize() * channels * ((info.getBitsPerSample() + 7) / 8));
    }

    @Override
    public int sampleRate() {
        return info.getSampleRate();
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public OptionalLong frameLength() {
        return stated > 0 && statedFits ? OptionalLong.of(stated) : OptionalLong.empty();
    }

    @Override
    public int read(float[] buffer, int frames) throws IOException {
        if (stated > 0 && delivered >= stated) {
            // jflac, once it has decoded the stated length, stops looking for frames but not trying to
            // read them: it would spin for ever on any bytes after the last frame (an ID3v1 tag, say)
            return -1;
        }
        while (position == pendingFrames) {
            if (ended || !nextFrame()) {
                return -1;
            }
        }
        int n = Math.min(frames, pendingFrames - position);
        if (stated > 0) {
            n = (int) Math.min(n, stated - delivered);
        }
        System.arraycopy(pending, position * channels, buffer, 0, n * channels);
        position += n;
        delivered += n;
        return n;
    }

    private boolean nextFrame() throws IOException {
        Frame frame;
        try {
            frame = decoder.readNextFrame();
            if (frame != null) {
                decode(frame);
            }
        } catch (EOFException e) {
            frame = null; // a truncated file: keep what was decoded
        } catch (RuntimeException e) { // jflac's way of failing on some corrupt frames
            throw new IOException(String.format(Locale.ROOT, "a corrupt FLAC frame after %.1f s", seconds(delivered)), e);
        }
        if (frame == null) {
            ended = true;
            if (delivered < stated) {
                throw new IOException(String.format(Locale.ROOT, "the file ends at %.1f s of the %.1f s its STREAMINFO states",
                        seconds(delivered), seconds(stated)));
            }
            return false;
        }
        return true;
    }

    private double seconds(long samples) {
        return (double) samples / info.getSampleRate();
    }

    private void decode(Frame frame) throws IOException {
        if (!checkedFirstFrame) {
            checkedFirstFrame = true;
            if (frame.header.channels != channels || frame.header.sampleRate != info.getSampleRate()
                    || frame.header.bitsPerSample != info.getBitsPerSample()) {
                throw new IOException("FLAC header and frames disagree (header: " + info.getSampleRate() + " Hz, "
                        + channels + " ch, " + info.getBitsPerSample() + " bits; first frame: " + frame.header.sampleRate
                        + " Hz, " + frame.header.channels + " ch, " + frame.header.bitsPerSample + " bits)");
            }
        } else if (frame.header.channels != channels || frame.header.bitsPerSample != info.getBitsPerSample()) {
            // the copy below reads `channels` channels scaled for the stated bits
            throw new IOException("FLAC frames change format mid-stream (" + channels + " ch, " + info.getBitsPerSample()
                    + " bits, then " + frame.header.channels + " ch, " + frame.header.bitsPerSample + " bits)");
        }
        decoder.decodeFrame(frame, bytes);
        int block = frame.header.blockSize;
        if (pending.length < block * channels) {
            pending = new float[block * channels];
        }
        ChannelData[] data = decoder.getChannelData();
        long limit = 1L << (info.getBitsPerSample() - 1);
        for (int c = 0; c < channels; c++) {
            int[] out = data[c].getOutput();
            for (int i = 0; i < block; i++) {
                if (out[i] < -limit || out[i] >= limit) { // lossless decoding never leaves the bit depth: jflac checks no CRC
                    throw new IOException(String.format(Locale.ROOT, "a corrupt FLAC frame after %.1f s (a sample of %d"
                            + " in a %d-bit stream)", seconds(delivered), out[i], info.getBitsPerSample()));
                }
                pending[i * channels + c] = (float) (out[i] * scale);
            }
        }
        pendingFrames = block;
        position = 0;
    }

    /**
     * Breaks jflac's frame search out of a loop without progress: on some bad frame headers at the
     * end of the data it retries the same bytes for ever. A real search consumes bytes between bad
     * headers; jflac reports each one here, and an unchecked exception is the one way out of its loop.
     */
    private static final class SpinGuard implements FrameListener {
        private static final int MAX_ERRORS_WITHOUT_PROGRESS = 1000;
        private final FLACDecoder decoder;
        private long lastPosition = -1;
        private int errorsHere;

        SpinGuard(FLACDecoder decoder) {
            this.decoder = decoder;
        }

        @Override
        public void processError(String message) {
            long position = decoder.getTotalBytesRead();
            if (position != lastPosition) {
                lastPosition = position;
                errorsHere = 0;
            } else if (++errorsHere > MAX_ERRORS_WITHOUT_PROGRESS) {
                throw new IllegalStateException("jflac retries a bad frame header at byte " + position + " for ever");
            }
        }

        @Override
        public void processMetadata(Metadata metadata) {
        }

        @Override
        public void processFrame(Frame frame) {
        }
    }

    @Override
    public void close() {
        // jflac holds no resources of its own; the core closes the stream
    }
}
