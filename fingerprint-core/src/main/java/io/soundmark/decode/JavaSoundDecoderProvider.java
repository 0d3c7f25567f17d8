package io.soundmark.decode;

import java.io.IOException;
import java.util.OptionalInt;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Reads WAV (PCM 8/16/24/32-bit integer, 32/64-bit float, WAVE_FORMAT_EXTENSIBLE), AIFF/AIFF-C and
 * AU with the JDK's Java Sound file readers. Only the container parsing of Java Sound is used:
 * samples are converted to float here, and rate conversion is left to the core's resampler.
 */
public final class JavaSoundDecoderProvider implements AudioDecoderProvider {

    @Override
    public String name() {
        return "javasound";
    }

    @Override
    public OptionalInt probe(MediaProbe probe) {
        boolean wav = probe.startsWith(0, "RIFF") && probe.startsWith(8, "WAVE");
        boolean aiff = probe.startsWith(0, "FORM") && (probe.startsWith(8, "AIFF") || probe.startsWith(8, "AIFC"));
        boolean au = probe.startsWith(0, ".snd");
        return wav || aiff || au ? OptionalInt.of(100) : OptionalInt.empty();
    }

    @Override
    public PcmStream open(MediaProbe probe) throws IOException {
        AudioInputStream in;
        try {
            in = AudioSystem.getAudioInputStream(probe.stream());
        } catch (UnsupportedAudioFileException e) {
            throw new IOException("Java Sound cannot parse this " + probe.guessFormat().orElse("file")
                    + " (unsupported variant or corrupt header)", e);
        }
        return JavaSoundPcmStream.open(in);
    }
}
