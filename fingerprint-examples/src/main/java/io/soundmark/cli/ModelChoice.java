package io.soundmark.cli;

import io.soundmark.AudioFingerprinter;
import io.soundmark.model.ModelSource;
import picocli.CommandLine.Option;

/** The {@code --model} option of the index, search and detect commands. */
final class ModelChoice {

    @Option(names = "--model", paramLabel = "FILE|demo",
            description = {"The model: a TorchScript (.pt) or ONNX (.onnx) file with its manifest beside it, a directory "
                    + "written by model-export/export.py, an http(s) URL, the preset laion/clap-htsat-tiny, or 'demo' for "
                    + "the bundled untrained demo model. Default: $SOUNDMARK_MODEL, else the model the index was built with "
                    + "(recorded by 'index add --model'). It must be the model the index holds."})
    String model;

    /** Sets the model on {@code builder}, or leaves the preset when $SOUNDMARK_MODEL names one. */
    AudioFingerprinter.Builder applyTo(AudioFingerprinter.Builder builder) {
        return applyTo(builder, null);
    }

    /**
     * Sets the model on {@code builder}: {@code --model}, else the preset when $SOUNDMARK_MODEL names
     * one, else {@code recorded} (where the index says its model was loaded from).
     */
    AudioFingerprinter.Builder applyTo(AudioFingerprinter.Builder builder, String recorded) {
        if (model != null) {
            return builder.model(ModelSource.of(model));
        }
        if (System.getenv("SOUNDMARK_MODEL") != null || System.getProperty("soundmark.model") != null) {
            return builder;
        }
        if (recorded != null) {
            return builder.model(ModelSource.of(recorded));
        }
        throw new IllegalArgumentException("no model given: pass --model FILE (a TorchScript or ONNX CLAP model, "
                + "its directory or URL; see model-export/) or --model demo, or set SOUNDMARK_MODEL");
    }
}
