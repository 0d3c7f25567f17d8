package io.soundmark.decode.mp3;

import io.soundmark.decode.AudioDecoderProvider;
import io.soundmark.decode.JavaSoundPcmStream;
import io.soundmark.decode.MediaProbe;
import io.soundmark.decode.PcmStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.OptionalInt;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.UnsupportedAudioFileException;
import javazoom.spi.PropertiesContainer;
import javazoom.spi.mpeg.sampled.convert.MpegFormatConversionProvider;
import javazoom.spi.mpeg.sampled.file.MpegAudioFileReader;

/**
 * Decodes MP3 with mp3spi and JLayer. ID3v2 tags of any size are skipped before decoding, and the
 * LAME/Xing header, when present, is honoured: the encoder delay, the decoder delay and the end
 * padding are trimmed, so that decoded audio lines up with the encoder's input sample for sample.
 */
public final class Mp3DecoderProvider implements AudioDecoderProvider {

    /** Delay of the MPEG audio synthesis filterbank, in samples (528 + 1, as mpg123 and FFmpeg count it). */
    static final int DECODER_DELAY = 529;
    private static final int SCAN_BYTES = 16 * 1024;
    private static final double JLAYER_OUTPUT_SCALE = 32700.0;
    private static final double JLAYER_FULL_SCALE = 32768.0;

    /** Priority when a frame is seen; below it, when only an ID3v2 tag is (still above FFmpeg's 50). */
    static final int CERTAIN = 100;
    static final int LIKELY = 60;

    @Override
    public String name() {
        return "mp3";
    }

    @Override
    public OptionalInt probe(MediaProbe probe) {
        byte[] head = probe.head();
        int start = id3v2Length(head, 0);
        if (start > 0 && start + 4 > head.length) {
            // an ID3v2 tag (a cover image, say) larger than the probe: nearly always MP3
            return OptionalInt.of(LIKELY);
        }
        while (start > 0 && start + 10 <= head.length && id3v2Length(head, start) > 0) {
            start += id3v2Length(head, start);
        }
        return MpegFrameHeader.isStreamAt(head, start) ? OptionalInt.of(CERTAIN) : OptionalInt.empty();
    }

    @Override
    public PcmStream open(MediaProbe probe) throws IOException {
        InputStream in = probe.stream();
        long tags = skipId3v2Tags(in);
        in.mark(SCAN_BYTES);
        byte[] scan = in.readNBytes(SCAN_BYTES);
        in.reset();
        int sync = 0;
        while (sync < scan.length && !MpegFrameHeader.isStreamAt(scan, sync)) {
            sync++;
        }
        if (sync == scan.length) {
            throw new IOException("no MPEG Layer III frame in the first " + SCAN_BYTES / 1024 + " KiB"
                    + (tags > 0 ? " after the ID3 tags" : ""));
        }
        MpegFrameHeader header = MpegFrameHeader.parse(scan, sync);
        in.skipNBytes(sync);
        in.mark(header.frameBytes());
        byte[] frame = in.readNBytes(header.frameBytes());
        in.reset();
        if (frame.length < header.frameBytes()) {
            throw new IOException("the file ends inside its first MP3 frame (" + frame.length + " of its "
                    + header.frameBytes() + " bytes)");
        }
        // FFmpeg honours a LAME/Xing header only in the frame right after the tags: so do we, to decode alike
        GaplessInfo gapless = sync == 0 ? GaplessInfo.parse(frame, 0) : null;

        AudioInputStream mpeg;
        try {
            mpeg = new MpegAudioFileReader().getAudioInputStream(in);
        } catch (UnsupportedAudioFileException e) {
            throw new IOException("mp3spi cannot read the MPEG frame at byte " + (tags + sync), e);
        }
        AudioFormat f = mpeg.getFormat();
        AudioFormat pcm = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, f.getSampleRate(), 16, f.getChannels(),
                2 * f.getChannels(), f.getSampleRate(), false);
        AudioInputStream jlayer = new MpegFormatConversionProvider().getAudioInputStream(pcm, mpeg);
        compensateJLayerGain(jlayer);
        PcmStream decoded = new JLayerPcmStream(JavaSoundPcmStream.open(jlayer));
        if (gapless == null) {
            return decoded;
        }
        // JLayer decodes the info frame too (as silence); skip it, then the encoder and decoder delays.
        long skip = header.samplesPerFrame() + gapless.delay() + DECODER_DELAY;
        long length = gapless.length(header.samplesPerFrame());
        long audioBytes = probe.size().isPresent() ? probe.size().getAsLong() - tags - header.frameBytes() : -1;
        boolean tooMany = audioBytes >= 0 && gapless.frames() > audioBytes / header.minFrameBytes() + 1;
        boolean tooFew = length <= 0 || audioBytes >= 0 && gapless.frames() < audioBytes / header.maxFrameBytes();
        if (tooFew) {
            return new TrimmedPcmStream(decoded, skip, 0, false); // a header that lies: decode what is there
        }
        // more frames than the file can hold: truncated, or a lie; either way, decode what is there and say so
        return new TrimmedPcmStream(decoded, skip, length, !tooMany);
    }

    /**
     * JLayer scales its output to 32700 rather than 32768 (a 0.018 dB loss that alone limits the
     * match with other decoders to about 53 dB SNR). mp3spi applies its equalizer, a gain of
     * 2^value per subband, on every frame: set every band to the missing gain.
     */
    private static void compensateJLayerGain(AudioInputStream decoded) {
        if (decoded instanceof PropertiesContainer container
                && container.properties().get("mp3.equalizer") instanceof float[] bands) {
            Arrays.fill(bands, (float) (Math.log(JLAYER_FULL_SCALE / JLAYER_OUTPUT_SCALE) / Math.log(2)));
        }
    }

    /** Length of the ID3v2 tag at {@code offset} (header, body and footer), or 0 when there is none. */
    static int id3v2Length(byte[] b, int offset) {
        if (offset + 10 > b.length || b[offset] != 'I' || b[offset + 1] != 'D' || b[offset + 2] != '3') {
            return 0;
        }
        int size = 0;
        for (int i = 6; i < 10; i++) {
            if ((b[offset + i] & 0x80) != 0) {
                return 0;
            }
            size = (size << 7) | b[offset + i];
        }
        boolean footer = (b[offset + 5] & 0x10) != 0;
        return 10 + size + (footer ? 10 : 0);
    }

    /** Skips the ID3v2 tags at the start of {@code in}; returns their bytes. */
    private static long skipId3v2Tags(InputStream in) throws IOException {
        long skipped = 0;
        while (true) {
            in.mark(10);
            byte[] header = in.readNBytes(10);
            in.reset();
            int length = id3v2Length(header, 0);
            if (length == 0) {
                return skipped;
            }
            try {
                in.skipNBytes(length);
            } catch (EOFException e) {
                throw new IOException("the ID3v2 tag of " + length + " bytes at byte " + skipped
                        + " runs past the end of the file", e);
            }
            skipped += length;
        }
    }
}
