package io.soundmark.internal.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.soundmark.decode.DecodeTesting;
import io.soundmark.decode.MediaProbe;
import io.soundmark.decode.PcmStream;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * WAV, AIFF and AU headers that lie: what Java Sound would misread is refused with the reason, and
 * a stated length is held to what the file holds.
 */
class LyingHeadersTest {

    private static final int RATE = 8000;
    private static final int FRAMES = 12000; // 1.5 s
    private final JavaSoundDecoderProvider provider = new JavaSoundDecoderProvider();

    /** A 16-bit mono WAV of {@code FRAMES} frames whose fmt and data fields are as given. */
    static byte[] wav(int tag, int channels, int bits, int blockAlign, long dataSize, int dataBytes) {
        ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RIFF")).putInt(36 + dataBytes).put(ascii("WAVE"));
        b.put(ascii("fmt ")).putInt(16).putShort((short) tag).putShort((short) channels).putInt(RATE)
                .putInt(RATE * blockAlign).putShort((short) blockAlign).putShort((short) bits);
        b.put(ascii("data")).putInt((int) dataSize);
        for (int i = 0; i < dataBytes / 2; i++) {
            b.putShort((short) (8000 * Math.sin(i * 0.1)));
        }
        return b.array();
    }

    static byte[] wav16(long dataSize, int dataBytes) {
        return wav(1, 1, 16, 2, dataSize, dataBytes);
    }

    static byte[] au(long offset, long dataSize, int encoding, int channels, int dataBytes) {
        ByteBuffer b = ByteBuffer.allocate(24 + dataBytes);
        b.put(ascii(".snd")).putInt((int) offset).putInt((int) dataSize).putInt(encoding).putInt(RATE).putInt(channels);
        return b.array();
    }

    static byte[] aiff(int channels, long frames, int bits, int dataBytes) {
        ByteBuffer b = ByteBuffer.allocate(54 + dataBytes);
        b.put(ascii("FORM")).putInt(46 + dataBytes).put(ascii("AIFF"));
        b.put(ascii("COMM")).putInt(18).putShort((short) channels).putInt((int) frames).putShort((short) bits);
        b.putShort((short) (16383 + 12)).putLong((long) RATE << (63 - 12)); // 8000 Hz as an 80-bit float
        b.put(ascii("SSND")).putInt(8 + dataBytes).putInt(0).putInt(0);
        return b.array();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static MediaProbe probe(byte[] file) {
        byte[] head = java.util.Arrays.copyOf(file, Math.min(file.length, MediaProbe.HEAD_SIZE));
        return new MediaProbe("test", head, new BufferedInputStream(new ByteArrayInputStream(file), MediaProbe.HEAD_SIZE + 1))
                .withSize(file.length);
    }

    private IOException refused(byte[] file) {
        return assertThrows(IOException.class, () -> provider.open(probe(file)).close());
    }

    @ParameterizedTest(name = "{0} bits")
    @CsvSource({"7, 2", "12, 2", "64, 8", "0, 2"})
    void aWavOfABitDepthJavaSoundWouldMisreadIsRefusedNamingIt(int bits, int blockAlign) {
        assertEquals("unsupported WAV: " + bits + " bits per sample (8, 16, 24 or 32 are read)",
                refused(wav(1, 1, bits, blockAlign, 2 * FRAMES, 2 * FRAMES)).getMessage());
    }

    @Test
    void aFloatWavOfSixteenBitsIsRefused() {
        assertTrue(refused(wav(3, 1, 16, 2, 2 * FRAMES, 2 * FRAMES)).getMessage().contains("16-bit float"));
    }

    @ParameterizedTest(name = "block align {0}")
    @CsvSource({"4", "0", "1"})
    void aBlockAlignThatDoesNotHoldOneFrameIsRefused(int blockAlign) {
        assertEquals("unsupported WAV: a block align of " + blockAlign + " bytes does not hold 1 channel of 16 bits",
                refused(wav(1, 1, 16, blockAlign, 2 * FRAMES, 2 * FRAMES)).getMessage());
    }

    @Test
    void aWavOfZeroChannelsIsRefused() {
        assertEquals("unsupported WAV: 0 channels", refused(wav(1, 0, 16, 2, 2 * FRAMES, 2 * FRAMES)).getMessage());
    }

    @Test
    void aWavOfAnotherCodecIsLeftToOtherDecoders() {
        assertFalse(provider.probe(probe(wav(2, 1, 4, 256, 2 * FRAMES, 2 * FRAMES))).isPresent(), "MS ADPCM");
        assertTrue(provider.probe(probe(wav(7, 1, 8, 1, FRAMES, FRAMES))).isPresent(), "µ-law");
    }

    @Test
    void aDataSizeBeyondTheFileGivesWhatTheFileHoldsThenFailsWhereTheDataEnds() throws IOException {
        try (PcmStream pcm = provider.open(probe(wav16(0x10000000L, 2 * FRAMES)))) {
            assertEquals(OptionalLong.of(FRAMES), pcm.frameLength(), "what the file holds, not 16777 s");
            float[] buffer = new float[4096];
            long frames = 0;
            IOException end = null;
            try {
                for (int n; (n = pcm.read(buffer, 4096)) >= 0; ) {
                    frames += n;
                }
            } catch (IOException e) {
                end = e;
            }
            assertEquals(FRAMES, frames, "every frame the file holds");
            assertEquals("the file ends at 1.5 s of the 16777.2 s its header states",
                    end == null ? "no failure" : end.getMessage());
        }
    }

    @Test
    void aHeaderOnlyWavThatPromisesAudioIsRefused() {
        assertEquals("the header promises 1.5 s of audio but the file ends after the header",
                refused(wav16(2 * FRAMES, 0)).getMessage());
    }

    @Test
    void aDataSizeOfZeroIsAWellFormedEmptyFile() throws IOException {
        try (PcmStream pcm = provider.open(probe(wav16(0, 0)))) {
            assertEquals(OptionalLong.of(0), pcm.frameLength());
            assertEquals(-1, pcm.read(new float[16], 16));
        }
    }

    @Test
    void aDataSizeLeftUnknownByAPipeWriterMeansToTheEnd() throws IOException {
        try (PcmStream pcm = provider.open(probe(wav16(0xffffffffL, 2 * FRAMES)))) {
            assertEquals(OptionalLong.of(FRAMES), pcm.frameLength());
            assertEquals(FRAMES, DecodeTesting.decodeAll(pcm).length);
        }
    }

    @Test
    void anAuHeaderSizeBeyondTheFileIsRefused() {
        assertEquals("unsupported AU: a header size of 2147483632 bytes, more than the file's 24024 bytes",
                refused(au(0x7ffffff0L, 2 * FRAMES, 3, 1, 2 * FRAMES)).getMessage());
        assertTrue(refused(au(8, 2 * FRAMES, 3, 1, 2 * FRAMES)).getMessage().contains("less than the 24-byte header"));
    }

    @Test
    void anAuOfUnknownLengthStatesWhatTheFileHolds() throws IOException {
        try (PcmStream pcm = provider.open(probe(au(24, 0xffffffffL, 3, 1, 2 * FRAMES)))) {
            assertEquals(OptionalLong.of(FRAMES), pcm.frameLength());
        }
        assertEquals("unsupported AU encoding 99", refused(au(24, 2 * FRAMES, 99, 1, 2 * FRAMES)).getMessage());
    }

    /** From the hostile corpus: chunk sizes of up to 4 GB, which the header check must not follow blindly. */
    @Test
    void anAiffOfCorruptChunkSizesFailsWithACause() throws IOException {
        byte[] file = java.nio.file.Files.readAllBytes(io.soundmark.TestFiles.resource("audio/corrupt_chunks.aiff"));
        assertEquals("Java Sound cannot parse this AIFF audio (unsupported variant or corrupt header)",
                refused(file).getMessage());
    }

    @Test
    void anAiffClaimingTwoBillionFramesStatesWhatTheFileHolds() throws IOException {
        try (PcmStream pcm = provider.open(probe(aiff(1, 0x7fffffffL, 16, 2 * FRAMES)))) {
            assertEquals(OptionalLong.of(FRAMES), pcm.frameLength());
        }
        assertEquals("unsupported AIFF: 7 bits per sample (8, 16, 24 or 32 are read)",
                refused(aiff(1, FRAMES, 7, 2 * FRAMES)).getMessage());
    }
}
