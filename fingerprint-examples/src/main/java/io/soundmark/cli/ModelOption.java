package io.soundmark.cli;

import io.soundmark.AudioFingerprinter;
import io.soundmark.internal.Settings;
import io.soundmark.model.ModelSource;
import picocli.CommandLine.Option;

/** {@code --model}, shared by the commands that run a model. */
final class ModelOption {

    @Option(names = "--model", paramLabel = "MODEL",
            description = {"The model: a TorchScript (.pt) or ONNX (.onnx) file with its manifest beside it, a directory "
                    + "written by model-export/export.py, an http(s) URL (downloaded once into the cache, verified by "
                    + "SHA-256), the preset laion/clap-htsat-tiny, or 'demo' for the bundled untrained demo model. "
                    + "Default: $SOUNDMARK_MODEL."})
    String model;

    /** Sets the model on {@code builder}; the preset's configured location when none is given. */
    AudioFingerprinter.Builder applyTo(AudioFingerprinter.Builder builder) {
        if (model != null) {
            return builder.model(ModelSource.of(model));
        }
        if (Settings.read("soundmark.model", "SOUNDMARK_MODEL") == null) {
            throw new UsageException("no model given: pass --model FILE (a TorchScript or ONNX CLAP model, its "
                    + "directory or URL; see model-export/) or --model demo, or set SOUNDMARK_MODEL");
        }
        return builder; // the default preset reads SOUNDMARK_MODEL
    }
}
