package io.soundmark.decode.flac;

import io.soundmark.decode.PcmStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.OptionalLong;
import org.jflac.ChannelData;
import org.jflac.FLACDecoder;
import org.jflac.frame.Frame;
import org.jflac.metadata.StreamInfo;
import org.jflac.util.ByteData;

/** Frames decoded by jflac, handed out as floats. */
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

    FlacPcmStream(FLACDecoder decoder, StreamInfo info) {
        this.decoder = decoder;
        this.info = info;
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
        long total = info.getTotalSamples();
        return total > 0 ? OptionalLong.of(total) : OptionalLong.empty();
    }

    @Override
    public int read(float[] buffer, int frames) throws IOException {
        while (position == pendingFrames) {
            if (ended || !nextFrame()) {
                return -1;
            }
        }
        int n = Math.min(frames, pendingFrames - position);
        System.arraycopy(pending, position * channels, buffer, 0, n * channels);
        position += n;
        return n;
    }

    private boolean nextFrame() throws IOException {
        Frame frame;
        try {
            frame = decoder.readNextFrame();
        } catch (EOFException e) {
            frame = null; // a truncated file: keep what was decoded
        } catch (RuntimeException e) {
            throw corrupt(e);
        }
        if (frame == null) {
            ended = true;
            return false;
        }
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
        try {
            decoder.decodeFrame(frame, bytes);
        } catch (RuntimeException e) {
            throw corrupt(e);
        }
        int block = frame.header.blockSize;
        if (pending.length < block * channels) {
            pending = new float[block * channels];
        }
        ChannelData[] data = decoder.getChannelData();
        for (int c = 0; c < channels; c++) {
            int[] out = data[c].getOutput();
            for (int i = 0; i < block; i++) {
                pending[i * channels + c] = (float) (out[i] * scale);
            }
        }
        pendingFrames = block;
        position = 0;
        return true;
    }

    /** jflac indexes past its buffers on some corrupt frames. */
    private static IOException corrupt(RuntimeException e) {
        return new IOException("corrupt FLAC frame (" + e.getClass().getSimpleName() + " in jflac)", e);
    }

    @Override
    public void close() {
        // jflac holds no resources of its own; the core closes the stream
    }
}
