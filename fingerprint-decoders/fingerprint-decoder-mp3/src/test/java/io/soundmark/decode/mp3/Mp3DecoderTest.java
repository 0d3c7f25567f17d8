package io.soundmark.decode.mp3;

import static io.soundmark.decode.DecodeTesting.bestLag;
import static io.soundmark.decode.DecodeTesting.decode;
import static io.soundmark.decode.DecodeTesting.fixture;
import static io.soundmark.decode.DecodeTesting.probe;
import static io.soundmark.decode.DecodeTesting.readS16;
import static io.soundmark.decode.DecodeTesting.snrDb;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.soundmark.decode.DecodeTesting.Decoded;
import io.soundmark.internal.decode.JavaSoundDecoderProvider;
import io.soundmark.decode.MediaProbe;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** MP3 from lame, compared with the source WAV (timing) and with FFmpeg's decode (samples). */
class Mp3DecoderTest {

    private final Mp3DecoderProvider provider = new Mp3DecoderProvider();

    static Decoded source() throws IOException {
        return decode(new JavaSoundDecoderProvider(), fixture("source.wav"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"vbr.mp3", "cbr.mp3"})
    void gaplessFilesLineUpWithTheSourceAndMatchFfmpeg(String name) throws IOException {
        Decoded src = source();
        Decoded mp3 = decode(provider, fixture(name));
        assertEquals(44100, mp3.rate());
        assertEquals(2, mp3.channels());
        assertEquals(src.frames(), mp3.frames(), "LAME tag: exactly the source's length");
        assertEquals(src.frames(), mp3.statedFrames());
        assertEquals(0, bestLag(mp3.channel(0), src.channel(0), 441), "aligned with the source");
        float[] ref = readS16(fixture(name + ".ref.s16"));
        assertEquals(ref.length, mp3.frames(), "FFmpeg trims the same");
        double snr = snrDb(mp3.channel(0), ref, 0);
        assertTrue(snr >= 60, name + ": SNR against FFmpeg " + snr + " dB");
    }

    @Test
    void filesWithoutATagDecodeUntrimmed() throws IOException {
        Decoded mp3 = decode(provider, fixture("notag.mp3"));
        float[] ref = readS16(fixture("notag.mp3.ref.s16"));
        assertEquals(-1, mp3.statedFrames(), "length unknown up front");
        int lag = bestLag(mp3.channel(0), ref, 2000);
        double snr = snrDb(mp3.channel(0), ref, lag);
        assertTrue(snr >= 60, "SNR against FFmpeg " + snr + " dB at lag " + lag);
    }

    @Test
    void aTenMegabyteCoverImageIsSkipped(@TempDir Path tmp) throws IOException {
        Path big = tmp.resolve("big_cover.mp3");
        byte[] cover = new byte[10 * 1024 * 1024];
        new Random(1).nextBytes(cover);
        byte[] mime = "\0image/jpeg\0\3\0".getBytes(StandardCharsets.ISO_8859_1);
        int frame = mime.length + cover.length;
        int size = 10 + frame;
        try (OutputStream out = Files.newOutputStream(big)) {
            out.write(new byte[] {'I', 'D', '3', 4, 0, 0, (byte) ((size >> 21) & 0x7f), (byte) ((size >> 14) & 0x7f),
                (byte) ((size >> 7) & 0x7f), (byte) (size & 0x7f)});
            out.write(new byte[] {'A', 'P', 'I', 'C', (byte) (frame >>> 24), (byte) (frame >>> 16), (byte) (frame >>> 8),
                (byte) frame, 0, 0});
            out.write(mime);
            out.write(cover);
            out.write(Files.readAllBytes(fixture("cbr.mp3")));
        }
        MediaProbe p = probe(big);
        try (InputStream ignored = p.stream()) {
            assertEquals(Mp3DecoderProvider.LIKELY, provider.probe(p).orElseThrow(), "claimed by its ID3 tag alone");
        }
        assertArrayEquals(decode(provider, fixture("cbr.mp3")).samples(), decode(provider, big).samples());
    }

    @Test
    void aTruncatedFileDecodesWhatIsThere() throws IOException {
        Decoded whole = decode(provider, fixture("vbr.mp3"));
        Decoded cut = decode(provider, fixture("truncated_vbr.mp3"));
        assertTrue(cut.frames() > whole.frames() / 3 && cut.frames() < whole.frames(), cut.frames() + " frames");
    }

    @Test
    void otherContentIsNotClaimed() throws IOException {
        for (String name : new String[] {"source.wav", "source.flac", "aac.m4a", "vorbis.ogg", "video.mp4"}) {
            MediaProbe p = probe(fixture(name));
            try (InputStream ignored = p.stream()) {
                assertFalse(provider.probe(p).isPresent(), name);
            }
        }
        byte[] noise = new byte[65536];
        new Random(2).nextBytes(noise);
        assertFalse(provider.probe(new MediaProbe("noise", noise, InputStream.nullInputStream())).isPresent());
    }
}
