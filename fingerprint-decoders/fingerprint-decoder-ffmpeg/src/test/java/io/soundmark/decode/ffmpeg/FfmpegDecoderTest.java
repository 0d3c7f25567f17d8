package io.soundmark.decode.ffmpeg;

import static io.soundmark.decode.DecodeTesting.bestLag;
import static io.soundmark.decode.DecodeTesting.decode;
import static io.soundmark.decode.DecodeTesting.fixture;
import static io.soundmark.decode.DecodeTesting.probe;
import static io.soundmark.decode.DecodeTesting.readS16;
import static io.soundmark.decode.DecodeTesting.snrDb;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.soundmark.decode.DecodeTesting;
import io.soundmark.decode.DecodeTesting.Decoded;
import io.soundmark.internal.decode.JavaSoundDecoderProvider;
import io.soundmark.decode.MediaProbe;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every FFmpeg fixture against FFmpeg's own command-line decode, and against the source for timing. */
class FfmpegDecoderTest {

    private final FfmpegDecoderProvider provider = new FfmpegDecoderProvider();

    static Decoded source() throws IOException {
        return decode(new JavaSoundDecoderProvider(), fixture("source.wav"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"aac.m4a, 44100", "vorbis.ogg, 44100", "opus.opus, 48000", "wma.wma, 44100", "ac3.ac3, 44100",
            "vbr.mp3, 44100", "video.mp4, 44100", "video.mov, 44100", "video.webm, 48000", "video.mkv, 44100",
            "video.avi, 44100", "video.ts, 44100", "video.flv, 44100"})
    void lossyAudioMatchesFfmpegsOwnDecode(String name, int rate) throws IOException {
        Decoded ours = decode(provider, fixture(name));
        float[] ref = readS16(fixture(name + ".ref.s16"));
        assertEquals(rate, ours.rate());
        assertEquals(2, ours.channels());
        // MP4 and MOV state the track's exact length: AAC's end padding, which the tool keeps, is dropped
        boolean mp4 = name.endsWith(".m4a") || name.endsWith(".mp4") || name.endsWith(".mov");
        assertEquals(mp4 ? 35280 : ref.length, ours.frames(), "same trimming as the ffmpeg tool");
        double snr = snrDb(ours.channel(0), ref, 0);
        assertTrue(snr >= 60, name + ": SNR " + snr + " dB");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"aac.m4a", "vorbis.ogg", "video.mp4", "video.mkv", "vbr.mp3"})
    void gaplessFormatsLineUpWithTheSourceWithinOneMillisecond(String name) throws IOException {
        Decoded src = source();
        Decoded ours = decode(provider, fixture(name));
        int lag = bestLag(ours.channel(0), src.channel(0), 2048);
        assertTrue(Math.abs(lag) <= 44, name + " lags " + lag + " samples");
        assertTrue(Math.abs(ours.frames() - src.frames()) <= 0.030 * 44100, name + ": " + ours.frames() + " frames");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"alac.m4a", "source.flac"})
    void losslessAudioIsSampleExact(String name) throws IOException {
        assertArrayEquals(source().samples(), decode(provider, fixture(name)).samples());
    }

    @Test
    void aVideoWithoutSoundSaysSo() {
        IOException e = assertThrows(IOException.class, () -> decode(provider, fixture("no_audio.mp4")));
        assertEquals("the video has no audio stream", e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"truncated_aac.m4a", "truncated_video.mkv", "truncated_vbr.mp3", "truncated_source.flac"})
    void truncatedFilesDecodeWhatIsThereOrFailClearly(String name) {
        try {
            Decoded d = decode(provider, fixture(name));
            assertTrue(d.frames() < source().frames(), name);
        } catch (IOException e) {
            assertFalse(e.getMessage().isBlank(), name);
        }
    }

    @Test
    void theEndPaddingOfAacInMp4IsDroppedAtTheStatedLength() throws IOException {
        Decoded aac = decode(provider, fixture("aac.m4a"));
        assertEquals(35280, aac.statedFrames(), "0.8 s, as the track's header states");
        assertEquals(35280, aac.frames(), "not the 35840 of whole AAC frames");
    }

    @Test
    void aFileThatEndsInsideAnAudioPacketSaysSoAfterWhatCameBefore(@TempDir Path tmp) throws IOException {
        byte[] flv = Files.readAllBytes(fixture("video.flv"));
        Path cut = Files.write(tmp.resolve("cut.flv"), Arrays.copyOf(flv, flv.length * 6 / 10));
        DecodeTesting.Partial partial = DecodeTesting.decodePartly(provider, cut);
        assertTrue(partial.decoded().frames() > 0.3 * 44100, partial.decoded().frames() + " frames");
        assertNotNull(partial.failure(), "a truncated file is not a complete one");
        assertTrue(partial.failure().getMessage().matches("the file ends inside an audio packet after 0\\.[3-6] s"),
                partial.failure().getMessage());
    }

    /** An Ogg page with a bad checksum is dropped by FFmpeg: the stream then falls short of its stated length. */
    @Test
    void anOggStreamThatLostAPageSaysHowMuchItStates(@TempDir Path tmp) throws IOException {
        byte[] ogg = Files.readAllBytes(fixture("paged_vorbis.ogg")); // audio pages of 0.2 s
        int page = new String(ogg, StandardCharsets.ISO_8859_1).indexOf("OggS", 5000); // the second audio page
        ogg[page + 200] ^= 0x55;
        DecodeTesting.Partial partial = DecodeTesting.decodePartly(provider, Files.write(tmp.resolve("flipped.ogg"), ogg));
        assertNotNull(partial.failure(), "a page lost");
        assertTrue(partial.failure().getMessage().matches("the audio ends at 0\\.[0-7] s of the 0\\.8 s its container states"),
                partial.failure().getMessage());
    }

    /** Matroska states no track length, but the file's: a video cut short says where its streams end. */
    @Test
    void aVideoWhoseStreamsEndWellBeforeItsStatedLengthSaysSo() throws IOException {
        DecodeTesting.Partial partial = DecodeTesting.decodePartly(provider, fixture("truncated_video.mkv"));
        assertNotNull(partial.failure(), "a truncated file is not a complete one");
        assertTrue(partial.failure().getMessage().matches("the file's streams end at 0\\.[2-6] s of the 0\\.8 s its container states"),
                partial.failure().getMessage());
    }

    /**
     * A stream that fails after its decoder was opened (here: 100 channels) frees the codec context,
     * packet and decoded frame; they leaked (about 110 kB each time: 22 MB here) until the JVM exited.
     */
    @Test
    void aStreamThatFailsWhileOpeningFreesItsDecoder(@TempDir Path tmp) throws IOException {
        int channels = 100;
        int frames = 800;
        ByteBuffer wav = ByteBuffer.allocate(44 + frames * channels * 2).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes(StandardCharsets.ISO_8859_1)).putInt(36 + frames * channels * 2)
                .put("WAVEfmt ".getBytes(StandardCharsets.ISO_8859_1)).putInt(16).putShort((short) 1)
                .putShort((short) channels).putInt(8000).putInt(8000 * channels * 2).putShort((short) (channels * 2))
                .putShort((short) 16).put("data".getBytes(StandardCharsets.ISO_8859_1)).putInt(frames * channels * 2);
        String path = Files.write(tmp.resolve("many.wav"), wav.array()).toString();
        for (int i = 0; i < 20; i++) { // warm up: natives loaded, heap settled
            IOException e = assertThrows(IOException.class, () -> FfmpegPcmStream.open(path, "many.wav", null));
            assertEquals("unsupported channel count 100", e.getMessage());
        }
        long before = Pointer.physicalBytes();
        for (int i = 0; i < 200; i++) {
            assertThrows(IOException.class, () -> FfmpegPcmStream.open(path, "many.wav", null));
        }
        long grown = Pointer.physicalBytes() - before;
        assertTrue(grown < 8 << 20, "resident memory grew by " + (grown >> 20) + " MB over 200 failed opens");
    }

    @Test
    void mediaIsClaimedButTextAndNoiseAreNot(@TempDir Path tmp) throws IOException {
        for (String name : new String[] {"aac.m4a", "opus.opus", "video.ts", "video.avi", "video.flv", "wma.wma"}) {
            MediaProbe p = probe(fixture(name));
            try (InputStream ignored = p.stream()) {
                assertEquals(FfmpegDecoderProvider.PRIORITY, provider.probe(p).orElse(-1), name);
            }
        }
        byte[] noise = new byte[65536];
        new Random(3).nextBytes(noise);
        assertFalse(provider.probe(new MediaProbe("noise", noise, InputStream.nullInputStream())).isPresent());
        byte[] text = "Lorem ipsum dolor sit amet\n".repeat(100).getBytes(StandardCharsets.UTF_8);
        assertFalse(provider.probe(new MediaProbe("text", text, InputStream.nullInputStream())).isPresent());
    }

    @Test
    void streamsAreSpooledAndTheSpoolIsDeleted() throws IOException {
        Path tmpDir = Path.of(System.getProperty("java.io.tmpdir"));
        long before;
        try (var files = Files.list(tmpDir)) {
            before = files.filter(f -> f.getFileName().toString().startsWith("soundmark-ffmpeg-")).count();
        }
        MediaProbe fromFile = probe(fixture("aac.m4a"));
        MediaProbe fromStream = new MediaProbe("aac stream", fromFile.head(), fromFile.stream());
        Decoded d;
        try (var pcm = provider.open(fromStream)) {
            d = new Decoded(pcm.sampleRate(), pcm.channels(), -1, io.soundmark.decode.DecodeTesting.decodeAll(pcm));
        } finally {
            fromFile.stream().close();
        }
        assertArrayEquals(decode(provider, fixture("aac.m4a")).samples(), d.samples());
        try (var files = Files.list(tmpDir)) {
            assertEquals(before, files.filter(f -> f.getFileName().toString().startsWith("soundmark-ffmpeg-")).count());
        }
    }
}
