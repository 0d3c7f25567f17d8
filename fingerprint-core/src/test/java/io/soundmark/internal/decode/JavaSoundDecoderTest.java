package io.soundmark.internal.decode;

import io.soundmark.decode.DecodeTesting;
import io.soundmark.decode.MediaProbe;
import io.soundmark.decode.PcmStream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.soundmark.TestFiles;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Java Sound decoder against sox's decode of the same files (fixtures from scripts/make_audio_fixtures.sh). */
class JavaSoundDecoderTest {

    private final JavaSoundDecoderProvider provider = new JavaSoundDecoderProvider();

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "pcm_u8.wav, 44100, 2, 0",
        "pcm_s16.wav, 44100, 2, 0",
        "pcm_s24.wav, 44100, 2, 0",
        "pcm_s32.wav, 44100, 2, 0",
        "float32.wav, 44100, 2, 0",
        "float64.wav, 44100, 2, 0",
        "extensible_s24.wav, 44100, 2, 0",
        "mono_s16_22k.wav, 22050, 1, 0",
        "six_channels.wav, 44100, 6, 0",
        "aiff_s16.aiff, 44100, 2, 0",
        "au_s16.au, 44100, 2, 0",
        "au_ulaw.au, 44100, 2, 0"})
    void decodesLikeSox(String name, int rate, int channels, double tolerance) throws IOException {
        Path file = TestFiles.resource("audio/" + name);
        float[] reference = TestFiles.readF32(file.resolveSibling(name.replaceFirst("\\.[a-z]+$", ".f32")));
        MediaProbe probe = DecodeTesting.probe(file);
        assertTrue(provider.probe(probe).isPresent(), name + " is claimed by content");
        try (PcmStream pcm = provider.open(probe)) {
            assertEquals(rate, pcm.sampleRate());
            assertEquals(channels, pcm.channels());
            assertEquals(reference.length / channels, pcm.frameLength().orElseThrow());
            float[] decoded = DecodeTesting.decodeAll(pcm);
            assertEquals(reference.length, decoded.length, "samples");
            double worst = 0;
            for (int i = 0; i < decoded.length; i++) {
                worst = Math.max(worst, Math.abs(decoded[i] - reference[i]));
            }
            assertTrue(worst <= tolerance, name + ": max |diff| " + worst);
        }
    }

    @Test
    void doesNotClaimOtherFormats() {
        for (String head : new String[] {"ID3\u0004\u0000", "fLaC\u0000\u0000\u0000\"", "OggS\u0000\u0002", "hello, world",
                "RIFF\u0000\u0000\u0000\u0000AVI LIST"}) {
            MediaProbe p = new MediaProbe("x", head.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
                    InputStream.nullInputStream());
            assertFalse(provider.probe(p).isPresent(), head);
        }
    }

    @Test
    void aCorruptHeaderFailsWithACause() throws IOException {
        byte[] wav = Files.readAllBytes(TestFiles.resource("audio/pcm_s16.wav"));
        byte[] broken = java.util.Arrays.copyOf(wav, 30); // the fmt chunk is cut short
        MediaProbe p = new MediaProbe("broken.wav", broken, new BufferedInputStream(new ByteArrayInputStream(broken)));
        IOException e = assertThrows(IOException.class, () -> provider.open(p).close());
        assertFalse(e.getMessage().isBlank());
    }
}
