package io.soundmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.soundmark.model.ModelSource;
import java.io.IOException;
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
}
