package io.soundmark.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.soundmark.AudioFingerprinter;
import io.soundmark.FingerprintInput;
import io.soundmark.ModelException;
import io.soundmark.SegmentEmbedding;
import io.soundmark.TestFiles;
import io.soundmark.internal.CpuFeatures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which precision variant runs: AUTO's choice under each detection, explicit choices, missing variants. */
class PrecisionTest {

    @TempDir
    Path tmp;

    @AfterEach
    void clearOverride() {
        System.clearProperty(CpuFeatures.BF16_PROPERTY);
    }

    @Test
    void autoTakesBf16OnlyWithNativeBf16AndABf16VariantAndNeverInt8() {
        Set<Precision> all = EnumSet.of(Precision.FP32, Precision.BF16, Precision.INT8);
        assertEquals(Precision.BF16, Precision.AUTO.choose(all, true));
        assertEquals(Precision.FP32, Precision.AUTO.choose(all, false));
        assertEquals(Precision.FP32, Precision.AUTO.choose(EnumSet.of(Precision.FP32, Precision.INT8), true));
        assertEquals(Precision.INT8, Precision.INT8.choose(all, false), "an explicit choice is kept");
    }

    /**
     * A model directory with an fp32 and a bf16 variant (here: two copies of the probe model, the
     * second one's manifest saying bf16, so that which file ran shows in the model's name).
     */
    private Path modelWithVariants() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("model"));
        Files.copy(TestFiles.resource("models/probe.pt"), dir.resolve("model.pt"));
        Files.copy(TestFiles.resource("models/probe.pt"), dir.resolve("model-bf16.pt"));
        String manifest = Files.readString(TestFiles.resource("models/probe.json"));
        Files.writeString(dir.resolve("model.json"), manifest);
        Files.writeString(dir.resolve("model-bf16.json"), manifest.replaceFirst("\\{", "{\"precision\": \"bf16\","));
        return dir;
    }

    @Test
    void autoFollowsTheCpuDetectionAndTheManifestSaysWhatRuns() throws IOException {
        Path dir = modelWithVariants();
        assertEquals(EnumSet.of(Precision.FP32, Precision.BF16), ModelSource.file(dir).precisions());
        for (String nativeBf16 : new String[] {"true", "false"}) {
            System.setProperty(CpuFeatures.BF16_PROPERTY, nativeBf16);
            try (AudioFingerprinter f = AudioFingerprinter.builder().model(ModelSource.file(dir)).build()) {
                assertEquals(nativeBf16.equals("true") ? Precision.BF16 : Precision.FP32, f.modelManifest().precision());
                List<SegmentEmbedding> records = f.fingerprint(FingerprintInput.pcm(new float[48000], 48000, 1));
                assertEquals("soundmark/test-probe", records.get(0).embeddingModel(), "records keep the model id");
            }
        }
    }

    @Test
    void aVariantTheModelLacksIsAClearError() throws IOException {
        ModelException e = assertThrows(ModelException.class, () -> AudioFingerprinter.builder()
                .model(ModelSource.file(modelWithVariants())).precision(Precision.INT8).build());
        assertTrue(e.getMessage().contains("has no int8 variant (it has: fp32, bf16)"), e.getMessage());
    }

    @Test
    void theDemoModelRunsFp32WhateverTheCpu() {
        System.setProperty(CpuFeatures.BF16_PROPERTY, "true");
        try (AudioFingerprinter f = AudioFingerprinter.builder().model(ModelSource.demo()).build()) {
            assertEquals(Precision.FP32, f.modelManifest().precision());
        }
    }
}
