package io.soundmark.decode;

import java.io.IOException;
import java.util.OptionalLong;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * A {@link PcmStream} over a Java Sound {@link AudioInputStream}: for decoder modules built on Java
 * Sound service providers (MP3, FLAC). Samples are converted to float here: signed integers
 * divided by 2^(bits-1), unsigned ones centred first, floats as they are.
 */
public final class JavaSoundPcmStream implements PcmStream {

    /** Channel counts above this are taken for a corrupt header. */
    public static final int MAX_CHANNELS = 64;

    private final AudioInputStream in;
    private final SampleConverter converter;
    private final int channels;
    private final int frameSize;
    private byte[] bytes = new byte[0];
    private int carried; // bytes of an incomplete frame kept from the previous read

    /**
     * Wraps {@code in}, first converting codecs such as µ-law and A-law to 16-bit PCM at the same
     * rate (never changing the rate). Closes {@code in} when it fails.
     *
     * @throws IOException when the channel count, rate or encoding cannot be decoded
     */
    public static PcmStream open(AudioInputStream in) throws IOException {
        try {
            return new JavaSoundPcmStream(toLinearPcm(in));
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    private static AudioInputStream toLinearPcm(AudioInputStream in) throws IOException {
        AudioFormat f = in.getFormat();
        if (f.getChannels() < 1 || f.getChannels() > MAX_CHANNELS) {
            throw new IOException("unsupported channel count " + f.getChannels() + " (1 to " + MAX_CHANNELS + ")");
        }
        if (f.getSampleRate() <= 0 || f.getSampleRate() != Math.rint(f.getSampleRate())) {
            throw new IOException("unsupported sample rate " + f.getSampleRate() + " Hz");
        }
        if (SampleConverter.supports(f)) {
            return in;
        }
        AudioFormat pcm = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, f.getSampleRate(), 16,
                f.getChannels(), 2 * f.getChannels(), f.getSampleRate(), false);
        if (!AudioSystem.isConversionSupported(pcm, f)) {
            throw new IOException("unsupported encoding " + f.getEncoding() + " (" + f.getSampleSizeInBits() + "-bit)");
        }
        return AudioSystem.getAudioInputStream(pcm, in);
    }

    private JavaSoundPcmStream(AudioInputStream in) {
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
