package io.soundmark.decode;

import java.io.IOException;
import java.util.OptionalLong;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** A {@link PcmStream} over a Java Sound stream of linear PCM. */
final class JavaSoundPcmStream implements PcmStream {

    private final AudioInputStream in;
    private final SampleConverter converter;
    private final int channels;
    private final int frameSize;
    private byte[] bytes = new byte[0];
    private int carried; // bytes of an incomplete frame kept from the previous read

    JavaSoundPcmStream(AudioInputStream in) {
        this.in = in;
        this.converter = new SampleConverter(in.getFormat());
        this.channels = in.getFormat().getChannels();
        this.frameSize = in.getFormat().getFrameSize();
    }

    @Override
    public int sampleRate() {
        return Math.round(in.getFormat().getSampleRate());
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public OptionalLong frameLength() {
        long frames = in.getFrameLength();
        return frames == AudioSystem.NOT_SPECIFIED || frames < 0 ? OptionalLong.empty() : OptionalLong.of(frames);
    }

    @Override
    public int read(float[] buffer, int frames) throws IOException {
        int want = frames * frameSize;
        if (bytes.length < want) {
            bytes = java.util.Arrays.copyOf(bytes, want);
        }
        int have = carried;
        while (have < frameSize) {
            int n = in.read(bytes, have, want - have);
            if (n < 0) {
                return -1; // a trailing partial frame is dropped
            }
            have += n;
        }
        int whole = have / frameSize;
        converter.convert(bytes, whole * channels, buffer);
        carried = have - whole * frameSize;
        System.arraycopy(bytes, whole * frameSize, bytes, 0, carried);
        return whole;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
