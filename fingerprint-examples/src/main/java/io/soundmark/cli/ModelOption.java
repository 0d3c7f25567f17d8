package io.soundmark.cli;

import io.soundmark.AudioFingerprinter;
import io.soundmark.internal.Settings;
import io.soundmark.model.ModelSource;
import io.soundmark.model.Precision;
import picocli.CommandLine.Option;

/** {@code --model}, shared by the commands that run a model. */
final class ModelOption {

    @Option(names = "--model", paramLabel = "MODEL",
            description = {"The model: a TorchScript (.pt) or ONNX (.onnx) file with its manifest beside it, a directory "
                    + "written by model-export/export.py, an http(s) URL (downloaded once into the cache, verified by "
                    + "SHA-256), the preset laion/clap-htsat-tiny, or 'demo' for the bundled untrained demo model. "
                    + "Default: $SOUNDMARK_MODEL, else, for an index, the model it was built with (recorded by 'index add --model')."})
    String model;

    @Option(names = "--precision", paramLabel = "P", defaultValue = "auto",
            description = "Model variant to run: auto (default: bf16 when the model has a bf16 variant and the CPU "
                    + "computes bf16 natively, else fp32), fp32, bf16 or int8 (opt-in: lower fidelity).")
    String precision;

    /** Sets the model on {@code builder}; the preset's configured location when none is given. */
    AudioFingerprinter.Builder applyTo(AudioFingerprinter.Builder builder) {
        return applyTo(builder, null);
    }

    /**
     * Sets the model on {@code builder}: {@code --model}, else the preset when $SOUNDMARK_MODEL names
     * one, else {@code recorded} (where an index says its model was loaded from), if not null.
     */
    AudioFingerprinter.Builder applyTo(AudioFingerprinter.Builder builder, String recorded) {
        try {
            builder.precision(Precision.fromName(precision));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--precision " + precision + " is not valid: allowed auto, fp32, bf16 or int8");
        }
        if (model != null) {
            return builder.model(ModelSource.of(model));
        }
        if (Settings.read("soundmark.model", "SOUNDMARK_MODEL") == null && recorded != null) {
            return builder.model(ModelSource.of(recorded));
        }
        if (Settings.read("soundmark.model", "SOUNDMARK_MODEL") == null) {
            throw new UsageException("no model given: pass --model FILE (a TorchScript or ONNX CLAP model, its "
                    + "directory or URL; see model-export/) or --model demo, or set SOUNDMARK_MODEL");
        }
        return builder; // the default preset reads SOUNDMARK_MODEL
    }
}
