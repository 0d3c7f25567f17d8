package io.soundmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.soundmark.model.ModelSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs the core's fuzz tests found, each kept as the case it failed on. */
class FuzzFindingsTest {

    @TempDir
    Path tmp;

    @Test
    void aLocationWithALineBreakGivesAOneLineMessage() {
        String location = tmp.resolve("tone.wav") + "\nwarning: forged";
        try (AudioFingerprinter f = AudioFingerprinter.builder().model(ModelSource.demo()).build()) {
            MediaException e = assertThrows(MediaException.class, () -> f.openAudio(FingerprintInput.audio(location)));
            assertEquals(tmp.resolve("tone.wav") + "\\nwarning: forged: no such file", e.getMessage());
            assertEquals(tmp.resolve("tone.wav") + "\\nwarning: forged", e.input());
        }
    }

    @Test
    void anExtensibleWavWithAZeroBlockAlignIsACorruptHeaderNotAnArithmeticException() throws IOException {
        byte[] wav = TestFiles.resourceBytes("audio/extensible_s24.wav");
        wav[32] = 0; // block align, a 16-bit field of "fmt "
        wav[33] = 0;
        Path file = Files.write(tmp.resolve("zero_align.wav"), wav);
        try (AudioFingerprinter f = AudioFingerprinter.builder().model(ModelSource.demo()).build()) {
            MediaException e = assertThrows(MediaException.class, () -> f.openAudio(FingerprintInput.audio(file)));
            assertTrue(e.getMessage().endsWith("a block align of 0 bytes does not hold 2 channels of 24 bits"),
                    e.getMessage());
        }
    }

    @Test
    void anAiffWhoseChunkSizesRunPastTwoGigabytesIsRefusedNotAnArrayIndexOutOfBounds() throws IOException {
        byte[] aiff = new byte[64];
        System.arraycopy("FORM\0\0\0\70AIFFjunk\200\0\0\0".getBytes(StandardCharsets.ISO_8859_1), 0, aiff, 0, 20);
        Path file = Files.write(tmp.resolve("huge_chunk.aiff"), aiff);
        try (AudioFingerprinter f = AudioFingerprinter.builder().model(ModelSource.demo()).build()) {
            MediaException e = assertThrows(MediaException.class, () -> f.openAudio(FingerprintInput.audio(file)));
            ClearMessage.check(e, "");
        }
    }
}
