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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.soundmark.decode.DecodeTesting.Decoded;
import io.soundmark.internal.decode.JavaSoundDecoderProvider;
import io.soundmark.decode.DecodeTesting;
import io.soundmark.decode.MediaProbe;
import io.soundmark.decode.PcmStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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
    void aTruncatedFileDecodesWhatIsThereThenSaysWhereItEnds() throws IOException {
        Decoded whole = decode(provider, fixture("vbr.mp3"));
        DecodeTesting.Partial cut = DecodeTesting.decodePartly(provider, fixture("truncated_vbr.mp3"));
        assertEquals("the file ends at 0.4 s of the 0.8 s its LAME header states", String.valueOf(cut.failure()
                == null ? null : cut.failure().getMessage()));
        int frames = cut.decoded().frames();
        assertTrue(frames > whole.frames() / 3 && frames < whole.frames(), frames + " frames");
    }

    /** The files of 44 to 47 bytes: the LAME header's frame count lies beyond them. */
    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {44, 45, 46, 47, 100, 416})
    void aFileCutInsideItsFirstFrameSaysSo(int bytes, @TempDir Path tmp) throws IOException {
        Path cut = Files.write(tmp.resolve("cut.mp3"), Arrays.copyOf(Files.readAllBytes(fixture("cbr.mp3")), bytes));
        IOException e = assertThrows(IOException.class, () -> decode(provider, cut));
        assertEquals("the file ends inside its first MP3 frame (" + bytes + " of its 417 bytes)", e.getMessage());
    }

    /**
     * A 70 kB ID3 tag and 16 kB of zeros before the MP3: the LAME header straddles the end of the
     * 16 KiB scanned for the first frame. FFmpeg takes a LAME header only right after the tags, and
     * decodes this one as a frame of audio; so do we, reading nothing beyond what was read.
     */
    @Test
    void aLameHeaderBehindZeroPaddingIsDecodedAsFfmpegDecodesIt(@TempDir Path tmp) throws IOException {
        byte[] mp3 = Files.readAllBytes(fixture("cbr.mp3"));
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(id3(70 * 1024));
        file.write(new byte[16 * 1024 - 46]); // 46 bytes of the LAME header's frame inside the scanned 16 KiB
        file.write(mp3);
        Path padded = Files.write(tmp.resolve("padded.mp3"), file.toByteArray());
        Decoded untrimmed = decode(provider, padded);
        Decoded trimmed = decode(provider, fixture("cbr.mp3"));
        assertEquals(-1, untrimmed.statedFrames(), "no gapless length");
        int skipped = 1152 + 576 + Mp3DecoderProvider.DECODER_DELAY; // the header frame, the encoder's and decoder's delay
        assertEquals(0, untrimmed.frames() % 1152, "whole frames, as FFmpeg decodes them");
        assertArrayEquals(trimmed.samples(), Arrays.copyOfRange(untrimmed.samples(), 2 * skipped,
                2 * (skipped + trimmed.frames())), "the same audio, untrimmed");
    }

    @Test
    void aLameHeaderClaimingMoreFramesThanTheFileCanHoldIsNotTrusted(@TempDir Path tmp) throws IOException {
        Path lie = Files.write(tmp.resolve("lie.mp3"), withLameFrames(0x7fffffff));
        MediaProbe p = probe(lie);
        try (InputStream ignored = p.stream(); PcmStream pcm = provider.open(p)) {
            assertTrue(pcm.frameLength().isEmpty(), "no length stated");
            IOException end = assertThrows(IOException.class, () -> DecodeTesting.decodeAll(pcm));
            assertEquals("the file ends at 0.8 s of the 56097532.0 s its LAME header states", end.getMessage());
        }
    }

    @ParameterizedTest(name = "{0} frames")
    @ValueSource(ints = {0, 1})
    void aLameHeaderClaimingTooFewFramesIsIgnored(int frames, @TempDir Path tmp) throws IOException {
        Decoded lie = decode(provider, Files.write(tmp.resolve("lie.mp3"), withLameFrames(frames)));
        Decoded honest = decode(provider, fixture("cbr.mp3"));
        assertEquals(-1, lie.statedFrames());
        assertTrue(lie.frames() > honest.frames() && lie.frames() < honest.frames() + 1152,
                "the whole file less the delays: " + lie.frames());
    }

    /** From the hostile corpus: flipped bytes that make JLayer's Huffman decoder index past its table. */
    @Test
    void aFrameThatJLayerCannotDecodeEndsTheDecodeSayingWhere() throws IOException, java.net.URISyntaxException {
        Path file = Path.of(getClass().getResource("/corrupt_huffman.mp3").toURI());
        DecodeTesting.Partial partial = DecodeTesting.decodePartly(provider, file);
        assertEquals("a corrupt MP3 frame after 1.4 s (JLayer cannot decode it)",
                partial.failure() == null ? "no failure" : partial.failure().getMessage());
        assertTrue(partial.decoded().frames() > 45000, "what came before is kept: " + partial.decoded().frames());
    }

    @Test
    void anId3TagRunningPastTheEndOfTheFileSaysSo(@TempDir Path tmp) throws IOException {
        byte[] tag = id3(1 << 20);
        Path cut = Files.write(tmp.resolve("cut.mp3"), Arrays.copyOf(tag, 5000));
        IOException e = assertThrows(IOException.class, () -> decode(provider, cut));
        assertEquals("the ID3v2 tag of 1048576 bytes at byte 0 runs past the end of the file", e.getMessage());
    }

    private static byte[] withLameFrames(int frames) throws IOException {
        byte[] mp3 = Files.readAllBytes(fixture("cbr.mp3"));
        int info = new String(mp3, StandardCharsets.ISO_8859_1).indexOf("Info");
        ByteBuffer.wrap(mp3).putInt(info + 8, frames);
        return mp3;
    }

    /** An ID3v2.4 tag of {@code size} bytes in all (one PRIV frame of zeros). */
    private static byte[] id3(int size) {
        int body = size - 10;
        int frame = body - 10;
        ByteBuffer b = ByteBuffer.allocate(size);
        b.put(new byte[] {'I', 'D', '3', 4, 0, 0}).put(syncsafe(body));
        b.put(new byte[] {'P', 'R', 'I', 'V'}).put(syncsafe(frame)).put(new byte[2]);
        return b.array();
    }

    private static byte[] syncsafe(int v) {
        return new byte[] {(byte) ((v >> 21) & 0x7f), (byte) ((v >> 14) & 0x7f), (byte) ((v >> 7) & 0x7f), (byte) (v & 0x7f)};
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
