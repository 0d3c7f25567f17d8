package io.soundmark.internal.dsp;

import io.soundmark.model.FeatureSettings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.soundmark.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every public case of shared/golden/clap-features: our log-mel within 0.02 dB of the reference. */
class GoldenFeaturesTest {

    static final double TOLERANCE_DB = 0.02;

    @TestFactory
    List<DynamicTest> featuresMatchTheReference() throws IOException {
        Path dir = TestFiles.goldenDir();
        JsonObject manifest = JsonParser.parseString(Files.readString(dir.resolve("manifest.json"))).getAsJsonObject();
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonElement e : manifest.getAsJsonArray("cases")) {
            JsonObject c = e.getAsJsonObject();
            String name = c.get("name").getAsString();
            tests.add(DynamicTest.dynamicTest(name, () -> {
                float[] wave = TestFiles.readF32(dir.resolve(c.get("wave_file").getAsString()));
                float[] expected = TestFiles.readF32(dir.resolve(c.get("features_file").getAsString()));
                assertEquals(c.get("num_samples").getAsInt(), wave.length, "wave length");
                FeatureSettings settings = FeatureSettings.clapHtsatUnfused();
                assertEquals(c.get("sample_rate").getAsInt(), settings.sampleRate());
                float[] actual = new LogMelSpectrogram(settings).compute(wave, 0, wave.length);
                assertEquals(expected.length, actual.length, "1001 x 64 features");
                double worst = 0;
                int at = -1;
                for (int i = 0; i < actual.length; i++) {
                    double d = Math.abs(actual[i] - expected[i]);
                    if (d > worst) {
                        worst = d;
                        at = i;
                    }
                }
                assertTrue(worst <= TOLERANCE_DB, name + ": max |diff| " + worst + " dB at frame " + at / 64
                        + ", mel " + at % 64 + " (ours " + (at >= 0 ? actual[at] : 0) + ", reference "
                        + (at >= 0 ? expected[at] : 0) + ")");
            }));
        }
        assertFalse(tests.isEmpty(), "the golden manifest lists no cases");
        return tests;
    }
}
