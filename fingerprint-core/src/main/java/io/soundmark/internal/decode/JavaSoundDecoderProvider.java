package io.soundmark.internal.decode;

import io.soundmark.decode.AudioDecoderProvider;
import io.soundmark.decode.JavaSoundPcmStream;
import io.soundmark.decode.MediaProbe;
import io.soundmark.decode.PcmStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.OptionalInt;
import java.util.List;
import java.util.ServiceLoader;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import javax.sound.sampled.spi.AudioFileReader;

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
        boolean wav = probe.startsWith(0, "RIFF") && probe.startsWith(8, "WAVE") && readsWavCodec(probe.head());
        boolean aiff = probe.startsWith(0, "FORM") && (probe.startsWith(8, "AIFF") || probe.startsWith(8, "AIFC"));
        boolean au = probe.startsWith(0, ".snd");
        return wav || aiff || au ? OptionalInt.of(100) : OptionalInt.empty();
    }

    /**
     * The JDK's own file readers. {@code AudioSystem} would also ask every Java Sound plug-in on the
     * class path, and some (mp3spi's reader) claim WAV files whose PCM happens to contain an MPEG
     * sync pattern; our other decoders are plug-ins of Soundmark, not of Java Sound.
     */
    private static final List<AudioFileReader> JDK_READERS = ServiceLoader.load(AudioFileReader.class,
                    ClassLoader.getPlatformClassLoader()).stream()
            .map(ServiceLoader.Provider::get)
            .filter(r -> "java.desktop".equals(r.getClass().getModule().getName()))
            .filter(r -> !r.getClass().getSimpleName().contains("Midi"))
            .toList();

    /**
     * WAVs of other codecs (ADPCM, GSM, MP3 in WAV, ...) are left to other decoders; a WAV whose fmt
     * chunk is not in sight is claimed, so that opening it says what is wrong.
     */
    private static boolean readsWavCodec(byte[] head) {
        OptionalInt codec = PcmHeaderCheck.wavCodec(head);
        return codec.isEmpty() || codec.getAsInt() == PcmHeaderCheck.PCM || codec.getAsInt() == PcmHeaderCheck.FLOAT
                || codec.getAsInt() == PcmHeaderCheck.ALAW || codec.getAsInt() == PcmHeaderCheck.MULAW;
    }

    /**
     * Opens the input with the first JDK reader that parses it, after refusing headers that Java
     * Sound would misread; the length the header states is held to what the file holds.
     */
    @Override
    public PcmStream open(MediaProbe probe) throws IOException {
        PcmHeaderCheck.check(probe);
        CountingInputStream in = new CountingInputStream(probe.stream());
        Exception last = null;
        for (AudioFileReader reader : JDK_READERS) {
            AudioInputStream audio;
            try {
                audio = reader.getAudioInputStream(in); // readers reset the stream when they refuse it
            } catch (UnsupportedAudioFileException e) {
                last = e;
                continue;
            } catch (EOFException e) {
                throw new IOException("the file ends inside its header", e);
            } catch (RuntimeException e) { // a reader failing on fields it trusts, e.g. dividing by a zero block align
                last = e;
                break;
            }
            long dataStart = in.position();
            int frameBytes = audio.getFormat().getFrameSize();
            long stated = audio.getFrameLength() == AudioSystem.NOT_SPECIFIED
                    || PcmHeaderCheck.unknownWavDataSize(probe, dataStart) ? -1 : audio.getFrameLength();
            long held = probe.size().isPresent() && frameBytes > 0
                    ? Math.max(0, probe.size().getAsLong() - dataStart) / frameBytes : -1;
            return new StatedLengthPcmStream(JavaSoundPcmStream.open(audio), stated, held);
        }
        throw new IOException("Java Sound cannot parse this " + probe.guessFormat().orElse("file")
                + " (unsupported variant or corrupt header)", last);
    }
}
