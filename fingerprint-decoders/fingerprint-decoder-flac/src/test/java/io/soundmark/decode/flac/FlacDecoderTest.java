package io.soundmark.decode.flac;

import static io.soundmark.decode.DecodeTesting.decode;
import static io.soundmark.decode.DecodeTesting.fixture;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.soundmark.decode.DecodeTesting.Decoded;
import io.soundmark.internal.decode.JavaSoundDecoderProvider;
import java.io.IOException;
import org.junit.jupiter.api.Test;
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
    void aTruncatedFileDecodesWhatIsThere() throws IOException {
        Decoded whole = decode(provider, fixture("source.flac"));
        Decoded cut = decode(provider, fixture("truncated_source.flac"));
        assertTrue(cut.frames() > whole.frames() / 3 && cut.frames() < whole.frames(), cut.frames() + " frames");
        for (int i = 0; i < cut.frames() * 2 - 8192; i++) {
            assertEquals(whole.samples()[i], cut.samples()[i], "sample " + i);
        }
    }
}
