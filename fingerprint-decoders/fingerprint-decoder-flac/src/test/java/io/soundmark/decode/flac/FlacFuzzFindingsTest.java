package io.soundmark.decode.flac;

import static io.soundmark.decode.DecodeTesting.fixture;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.soundmark.ClearMessage;
import io.soundmark.decode.DecodeTesting;
import io.soundmark.decode.MediaProbe;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Inputs the fuzz test found, each kept as the case it failed on. */
class FlacFuzzFindingsTest {

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 4, 20})
    void anInputThatEndsInsideTheHeaderSaysWhereInsteadOfNull(int length) throws IOException {
        byte[] cut = Arrays.copyOf(Files.readAllBytes(fixture("source.flac")), length);
        MediaProbe probe = new MediaProbe("cut.flac", cut, new ByteArrayInputStream(cut)).withSize(length);
        IOException e = assertThrows(IOException.class, () -> new FlacDecoderProvider().open(probe));
        ClearMessage.check(e, "");
    }

    @Test
    void aCorruptFileThatMadeJflacIndexPastItsBufferIsAnIOException() {
        IOException e = assertThrows(IOException.class, () -> decodeFinding("finding_corrupt_rice_residual.flac"));
        ClearMessage.check(e, "");
    }

    @Test
    void aLaterFrameWithOtherChannelsIsAnIOExceptionNotANullPointer() throws IOException {
        IOException e = assertThrows(IOException.class, () -> decodeFinding("finding_frame_with_fewer_channels.flac"));
        assertTrue(e.getMessage().startsWith("FLAC frames change format mid-stream"), e.getMessage());
    }

    @Test
    void aBadHeaderJflacWouldRetryForEverEndsTheDecodeWithAnIOException() {
        IOException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(IOException.class, () -> decodeFinding("finding_jflac_spins_on_a_bad_header.flac")));
        assertTrue(e.getMessage().startsWith("a corrupt FLAC frame"), e.getMessage());
    }

    @Test
    void aSampleBeyondTheBitDepthIsACorruptFrameNotOutOfRangeAudio() {
        IOException e = assertThrows(IOException.class, () -> decodeFinding("finding_sample_beyond_bit_depth.flac"));
        assertTrue(e.getMessage().matches("a corrupt FLAC frame after .* \\(a sample of -?\\d+ in a \\d+-bit stream\\)"),
                e.getMessage());
    }

    /** Decodes a finding the fuzz test saved among its inputs. */
    private static float[] decodeFinding(String name) throws IOException {
        byte[] flac = Files.readAllBytes(Path.of("src/test/resources/io/soundmark/decode/flac/FlacFuzzTestInputs/"
                + "flacStreamInfoAndFramesDecodeOrFailCleanly", name));
        MediaProbe probe = new MediaProbe(name, flac, new ByteArrayInputStream(flac)).withSize(flac.length);
        return DecodeTesting.decodeAll(new FlacDecoderProvider().open(probe));
    }
}
