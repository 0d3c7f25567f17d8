package io.soundmark.decode.flac;

import static io.soundmark.decode.DecodeTesting.decode;
import static io.soundmark.decode.DecodeTesting.fixture;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.soundmark.decode.DecodeTesting.Decoded;
import io.soundmark.internal.decode.JavaSoundDecoderProvider;
import io.soundmark.decode.DecodeTesting;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** FLAC from the reference encoder, decoded sample-exact against the WAV it was made from. */
class FlacDecoderTest {

    private final FlacDecoderProvider provider = new FlacDecoderProvider();

    @Test
    void sixteenBitStereoIsSampleExact() throws IOException {
        Decoded wav = decode(new JavaSoundDecoderProvider(), fixture("source.wav"));
        Decoded flac = decode(provider, fixture("source.flac"));
        assertEquals(44100, flac.rate());
        assertEquals(wav.frames(), flac.statedFrames());
        assertArrayEquals(wav.samples(), flac.samples());
    }

    @Test
    void twentyFourBitIsSampleExact() throws IOException {
        Decoded wav = decode(new JavaSoundDecoderProvider(), fixture("source24.wav"));
        Decoded flac = decode(provider, fixture("hires24.flac"));
        assertEquals(48000, flac.rate());
        assertArrayEquals(wav.samples(), flac.samples());
    }

    @Test
    void threeChannels() throws IOException {
        Decoded flac = decode(provider, fixture("three_channels.flac"));
        Decoded wav = decode(new JavaSoundDecoderProvider(), fixture("source.wav"));
        assertEquals(3, flac.channels());
        assertArrayEquals(wav.channel(0), flac.channel(0));
        assertArrayEquals(wav.channel(1), flac.channel(1));
    }

    @ParameterizedTest
    @CsvSource({"lying_header.flac, impossible sample rate"})
    void aLyingHeaderFailsClearly(String name, String cause) {
        IOException e = assertThrows(IOException.class, () -> decode(provider, fixture(name)));
        assertTrue(e.getMessage().contains(cause), e.getMessage());
    }

    @Test
    void aTruncatedFileDecodesWhatIsThereThenSaysWhereItEnds() throws IOException {
        Decoded whole = decode(provider, fixture("source.flac"));
        DecodeTesting.Partial cut = DecodeTesting.decodePartly(provider, fixture("truncated_source.flac"));
        assertEquals("the file ends at 0.3 s of the 0.8 s its STREAMINFO states", String.valueOf(cut.failure() == null
                ? null : cut.failure().getMessage()));
        float[] samples = cut.decoded().samples();
        assertTrue(samples.length > whole.samples().length / 3 && samples.length < whole.samples().length);
        for (int i = 0; i < samples.length; i++) {
            assertEquals(whole.samples()[i], samples[i], "sample " + i);
        }
    }

    @Test
    void aFileCutInsideItsMetadataSaysSo(@TempDir Path tmp) throws IOException {
        byte[] flac = Files.readAllBytes(fixture("source.flac"));
        ByteArrayOutputStream padded = new ByteArrayOutputStream();
        padded.write(flac, 0, 42);                                  // fLaC and STREAMINFO
        padded.write(new byte[] {1, 0, (byte) (3000 >> 8), (byte) (3000 & 0xff)}); // PADDING of 3000 bytes, not last
        padded.write(new byte[3000]);
        padded.write(flac, 42, flac.length - 42);
        Path cut = Files.write(tmp.resolve("cut.flac"), Arrays.copyOf(padded.toByteArray(), 2000));
        IOException e = assertThrows(IOException.class, () -> decode(provider, cut));
        assertEquals("the file ends inside its metadata (a PADDING block of 3000 bytes at byte 42)", e.getMessage());
    }

    /** As the small FLACs claiming 2^36 samples: their total_duration_sec was 1.5 million seconds. */
    @Test
    void aLengthTheFileCannotHoldIsNotStated(@TempDir Path tmp) throws IOException {
        byte[] flac = withTotalSamples((1L << 36) - 1);
        long audioStart = FlacMetadata.read(new ByteArrayInputStream(flac)).audioStart();
        Path small = Files.write(tmp.resolve("small.flac"), Arrays.copyOf(flac, (int) audioStart + 40_000));
        DecodeTesting.Partial decoded = DecodeTesting.decodePartly(provider, small);
        assertEquals(-1, decoded.decoded().statedFrames(), "no length");
        assertEquals(4 * 4096, decoded.decoded().frames(), "the frames that are there");
        assertEquals("the file ends at 0.4 s of the 1558264.8 s its STREAMINFO states", decoded.failure().getMessage());
    }

    /** jflac alone, once it has decoded the stated length, spins for ever if more frames follow: this hung. */
    @Test
    void framesBeyondTheStatedLengthAreCut(@TempDir Path tmp) {
        Decoded cut = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> decode(provider, Files.write(tmp.resolve("short.flac"), withTotalSamples(1000))));
        assertEquals(1000, cut.statedFrames());
        assertEquals(1000, cut.frames());
    }

    @Test
    void aFlacWithAnId3v1TagAfterItsLastFrameEndsThere(@TempDir Path tmp) throws IOException {
        byte[] flac = Files.readAllBytes(fixture("source.flac"));
        byte[] tagged = Arrays.copyOf(flac, flac.length + 128);
        System.arraycopy(new byte[] {'T', 'A', 'G', 'x', (byte) 0xff, (byte) 0xf8, 0x69}, 0, tagged, flac.length, 7);
        Path file = Files.write(tmp.resolve("tagged.flac"), tagged);
        Decoded decoded = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> decode(provider, file));
        assertArrayEquals(decode(provider, fixture("source.flac")).samples(), decoded.samples());
    }

    /** Heads in hex: the signature "fLaC" is 664c6143; then a block header (last flag and type, 24-bit length). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "664c6143                  | the file ends inside its metadata, at byte 4",
        "664c614381000010          | its first metadata block is PADDING, not STREAMINFO",
        "664c61430000000a          | its STREAMINFO block is 10 bytes, not 34",
        "664c614300000022aabbcc    | the file ends inside its STREAMINFO block",
        "664c61437f000022          | its first metadata block is invalid (127), not STREAMINFO"})
    void aBrokenMetadataHeaderSaysWhatIsWrong(String hex, String message, @TempDir Path tmp) throws IOException {
        Path file = Files.write(tmp.resolve("broken.flac"), HexFormat.of().parseHex(hex));
        IOException e = assertThrows(IOException.class, () -> decode(provider, file));
        assertEquals(message, e.getMessage());
    }

    private static byte[] withTotalSamples(long total) throws IOException {
        byte[] flac = Files.readAllBytes(fixture("source.flac"));
        ByteBuffer b = ByteBuffer.wrap(flac);
        long fields = b.getLong(18); // rate 20 bits, channels 3, bits 5, total samples 36
        b.putLong(18, fields & ~((1L << 36) - 1) | total);
        return flac;
    }
}
