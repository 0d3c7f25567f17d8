package io.soundmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.soundmark.model.ModelSource;
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
}
