package io.soundmark.decode.flac;

import static io.soundmark.decode.DecodeTesting.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.soundmark.decode.DecodeTesting;
import io.soundmark.decode.MediaProbe;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Inputs the fuzz test found, each kept as the case it failed on. */
class FlacFuzzFindingsTest {

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 4, 20})
    void anInputThatEndsInsideTheHeaderSaysSoInsteadOfNull(int length) throws IOException {
        byte[] cut = Arrays.copyOf(Files.readAllBytes(fixture("source.flac")), length);
        MediaProbe probe = new MediaProbe("cut.flac", cut, new ByteArrayInputStream(cut)).withSize(length);
        IOException e = assertThrows(IOException.class, () -> new FlacDecoderProvider().open(probe));
        assertEquals("the input ends inside the FLAC header", e.getMessage());
    }

    @Test
    void aCorruptResidualThatJflacIndexesPastIsAnIOException() throws IOException {
        byte[] flac = Files.readAllBytes(Path.of("src/test/resources/io/soundmark/decode/flac/FlacFuzzTestInputs/"
                + "flacStreamInfoAndFramesDecodeOrFailCleanly/finding_corrupt_rice_residual.flac"));
        MediaProbe probe = new MediaProbe("corrupt.flac", flac, new ByteArrayInputStream(flac)).withSize(flac.length);
        IOException e = assertThrows(IOException.class, () -> DecodeTesting.decodeAll(new FlacDecoderProvider().open(probe)));
        assertEquals("corrupt FLAC frame (ArrayIndexOutOfBoundsException in jflac)", e.getMessage());
    }
}
