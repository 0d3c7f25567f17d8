package io.soundmark.internal.model;

import io.soundmark.model.EmbeddingModel;
import io.soundmark.internal.Settings;
import io.soundmark.model.ModelManifest;
import io.soundmark.model.ModelSource;
import io.soundmark.model.Precision;
import java.io.IOException;
import java.util.Set;

/** A named model whose location comes from configuration; fails with directions when there is none. */
public final class PresetModelSource implements ModelSource {

    private static final Set<String> PRESETS = Set.of(ModelManifest.DEFAULT_ID, "laion/clap-htsat-unfused");

    private final String name;

    public PresetModelSource(String name) {
        if (!isPreset(name)) {
            throw new IllegalArgumentException("unknown model preset \"" + name + "\" (known: " + PRESETS + ")");
        }
        this.name = name;
    }

    public static boolean isPreset(String name) {
        return PRESETS.contains(name);
    }

    @Override
    public String name() {
        return name;
    }

    private ModelSource resolve() throws IOException {
        String location = Settings.read("soundmark.model", "SOUNDMARK_MODEL");
        if (location == null) {
            throw new IOException("model " + name + " is not configured: on a machine with internet run "
                    + "'python model-export/export.py --checkpoint laion/clap-htsat-unfused --out DIR', then pass "
                    + "DIR (or DIR/model.pt, or a URL serving it) as the model, or set SOUNDMARK_MODEL / "
                    + "-Dsoundmark.model; to try the pipeline without real weights use the demo model");
        }
        if (isPreset(location)) {
            throw new IOException("SOUNDMARK_MODEL names the preset " + location + " instead of its location");
        }
        return ModelSource.of(location);
    }

    @Override
    public ModelManifest manifest() throws IOException {
        return resolve().manifest();
    }

    @Override
    public Set<Precision> precisions() throws IOException {
        return resolve().precisions();
    }

    @Override
    public ModelManifest manifest(Precision precision) throws IOException {
        return resolve().manifest(precision);
    }

    @Override
    public EmbeddingModel load(ModelManifest manifest, String device) throws IOException {
        return resolve().load(manifest, device);
    }
}
