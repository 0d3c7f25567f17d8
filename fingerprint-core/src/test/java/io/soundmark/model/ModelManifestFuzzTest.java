package io.soundmark.model;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.soundmark.ClearMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes manifest parsing: any bytes give a manifest the front end can honour, or an
 * {@link IOException} with a clear one-line message, as {@link ModelManifest#parse} documents.
 * Bytes are decoded as {@link ModelManifest#read} decodes a file (strict UTF-8).
 */
class ModelManifestFuzzTest {

    @FuzzTest(maxDuration = "60s")
    @Timeout(10)
    void manifestsParseOrFailWithAClearIOException(byte[] bytes) {
        ModelManifest manifest;
        try {
            manifest = ModelManifest.parse(new InputStreamReader(new ByteArrayInputStream(bytes),
                    StandardCharsets.UTF_8.newDecoder()));
        } catch (IOException e) {
            ClearMessage.check(e, new String(bytes, StandardCharsets.UTF_8));
            return;
        }
        // what parse returns is usable as it is: a fingerprinter moves it to its processing rate
        // and allocates blocks of frames × mel bins
        FeatureSettings f = manifest.features().withSampleRate(48000);
        if (manifest.id().isBlank() || (long) f.frames() * f.melBins() != f.blockSize()) {
            throw new AssertionError("parsed an unusable manifest: " + manifest);
        }
    }
}
