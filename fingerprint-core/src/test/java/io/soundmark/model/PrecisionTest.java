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

    static final Path VARIANTS = TestFiles.resource("models/variants");

    private static List<SegmentEmbedding> fingerprint(Precision precision, int batchSize, FingerprintInput input) {
        try (AudioFingerprinter f = AudioFingerprinter.builder().model(ModelSource.file(VARIANTS)).precision(precision)
                .batchSize(batchSize).build()) {
            assertEquals(precision, f.modelManifest().precision());
            return f.fingerprint(input);
        }
    }

    private static FingerprintInput noise() {
        float[] x = new float[48000 * 20];
        TestFiles.SampleFunction f = TestFiles.noise(0.3, 7);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) f.at(i, 0);
        }
        return FingerprintInput.pcm(x, 48000, 1);
    }

    private static double minCosine(List<SegmentEmbedding> a, List<SegmentEmbedding> b) {
        assertEquals(a.size(), b.size());
        double min = 1;
        for (int i = 0; i < a.size(); i++) {
            min = Math.min(min, a.get(i).cosineSimilarity(b.get(i)));
        }
        return min;
    }

    private static double maxAbsDiff(List<SegmentEmbedding> a, List<SegmentEmbedding> b) {
        double max = 0;
        for (int i = 0; i < a.size(); i++) {
            float[] x = a.get(i).embedding();
            float[] y = b.get(i).embedding();
            for (int j = 0; j < x.length; j++) {
                max = Math.max(max, Math.abs(x[j] - y[j]));
            }
        }
        return max;
    }

    @Test
    void withinOnePrecisionVectorsDoNotDependOnTheBatchSize() {
        FingerprintInput in = noise();
        assertTrue(maxAbsDiff(fingerprint(Precision.FP32, 1, in), fingerprint(Precision.FP32, 8, in)) <= 1e-5);
        double bf16 = minCosine(fingerprint(Precision.BF16, 1, in), fingerprint(Precision.BF16, 8, in));
        assertTrue(bf16 >= 0.99999, "bf16 batch 1 vs 8: " + bf16);
        assertEquals(0.0, maxAbsDiff(fingerprint(Precision.INT8, 1, in), fingerprint(Precision.INT8, 8, in)),
                "int8 runs one block per call, so its batch neighbours cannot change a vector");
    }

    @Test
    void reducedPrecisionsStayCloseToFp32AndTheirManifestsSayHowClose() throws IOException {
        FingerprintInput in = noise();
        List<SegmentEmbedding> fp32 = fingerprint(Precision.FP32, 2, in);
        double bf16 = minCosine(fp32, fingerprint(Precision.BF16, 2, in));
        double int8 = minCosine(fp32, fingerprint(Precision.INT8, 2, in));
        assertTrue(bf16 >= 0.9999, "bf16 to fp32: " + bf16);
        assertTrue(int8 >= 0.99 && int8 < bf16, "int8 to fp32: " + int8);
        ModelManifest.Fidelity reported = ModelSource.file(VARIANTS).manifest(Precision.BF16).fidelity();
        assertEquals("fp32", reported.reference());
        assertTrue(reported.minCosine() >= 0.9999 && reported.minCosine() <= reported.medianCosine(), reported.toString());
    }

    @Test
    void theDemoModelRunsFp32WhateverTheCpu() {
        System.setProperty(CpuFeatures.BF16_PROPERTY, "true");
        try (AudioFingerprinter f = AudioFingerprinter.builder().model(ModelSource.demo()).build()) {
            assertEquals(Precision.FP32, f.modelManifest().precision());
        }
    }
}
