package io.soundmark.formats;

import static io.soundmark.decode.DecodeTesting.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.soundmark.AudioFingerprinter;
import io.soundmark.FingerprintInput;
import io.soundmark.MediaException;
import io.soundmark.SegmentEmbedding;
import io.soundmark.model.ModelSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Broken input with every decoder installed, in a 256 MB heap: a library exception naming the input
 * and the cause within 2 s, or (for truncated media) the records of what is there.
 */
class BrokenInputTest {

    static AudioFingerprinter fingerprinter;

    @TempDir
    Path tmp;

    @BeforeAll
    static void open() {
        fingerprinter = AudioFingerprinter.builder().model(ModelSource.demo()).build();
    }

    @AfterAll
    static void close() {
        fingerprinter.close();
    }

    private static MediaException fails(Path file) {
        long start = System.nanoTime();
        MediaException e = assertThrows(MediaException.class, () -> fingerprinter.fingerprint(FingerprintInput.audio(file)));
        assertTrue(System.nanoTime() - start < 2_000_000_000L, "within 2 s");
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        return e;
    }

    @Test
    void randomBytes() throws IOException {
        byte[] junk = new byte[200_000];
        new Random(4).nextBytes(junk);
        junk[0] = 0x13;
        assertTrue(fails(Files.write(tmp.resolve("junk.bin"), junk)).getMessage().contains("no installed decoder"));
    }

    @Test
    void aTextFileNamedMp3() throws IOException {
        Path text = Files.writeString(tmp.resolve("song.mp3"), "Verse one, chorus, verse two\n".repeat(50), StandardCharsets.UTF_8);
        assertTrue(fails(text).getMessage().contains("looks like text"));
    }

    @Test
    void aZeroByteFile() throws IOException {
        assertTrue(fails(Files.write(tmp.resolve("empty.mp3"), new byte[0])).getMessage().endsWith("the input is empty"));
    }

    @Test
    void aFlacWithALyingHeader() {
        assertTrue(fails(fixture("lying_header.flac")).getMessage().contains("impossible sample rate"));
    }

    @Test
    void anMp3WithATenMegabyteCover() throws IOException {
        Path big = tmp.resolve("cover.mp3");
        byte[] cover = new byte[10 * 1024 * 1024];
        new Random(5).nextBytes(cover);
        int frame = cover.length;
        int size = 10 + frame;
        byte[] header = {'I', 'D', '3', 4, 0, 0, (byte) ((size >> 21) & 0x7f), (byte) ((size >> 14) & 0x7f),
            (byte) ((size >> 7) & 0x7f), (byte) (size & 0x7f),
            'A', 'P', 'I', 'C', (byte) (frame >>> 24), (byte) (frame >>> 16), (byte) (frame >>> 8), (byte) frame, 0, 0};
        byte[] mp3 = Files.readAllBytes(fixture("cbr.mp3"));
        byte[] all = new byte[header.length + cover.length + mp3.length];
        System.arraycopy(header, 0, all, 0, header.length);
        System.arraycopy(cover, 0, all, header.length, cover.length);
        System.arraycopy(mp3, 0, all, header.length + cover.length, mp3.length);
        Files.write(big, all);
        List<SegmentEmbedding> plain = fingerprinter.fingerprint(FingerprintInput.audio(fixture("cbr.mp3")));
        List<SegmentEmbedding> covered = fingerprinter.fingerprint(FingerprintInput.audio(big));
        assertEquals(1.0, plain.get(0).cosineSimilarity(covered.get(0)), 1e-6);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"truncated_source.flac", "truncated_vbr.mp3", "truncated_aac.m4a", "truncated_video.mkv"})
    void truncatedMediaGivesWhatIsThereOrAClearError(String name) {
        try {
            List<SegmentEmbedding> records = fingerprinter.fingerprint(FingerprintInput.audio(fixture(name)));
            assertTrue(records.size() <= 1 && (records.isEmpty() || records.get(0).endTimeSec() < 0.8), name);
        } catch (MediaException e) {
            assertTrue(e.getMessage().startsWith(fixture(name) + ": "), e.getMessage());
        }
    }
}
