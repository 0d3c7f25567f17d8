package io.soundmark.cli;

import io.soundmark.AudioFingerprinter;
import picocli.CommandLine.Option;

/** Where and in what batches the model runs, shared by the commands that run it. */
final class InferenceOptions {

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "2",
            description = "Windows per inference call, 1 to 256 (default ${DEFAULT-VALUE}); results do not depend on it.")
    int batchSize;

    @Option(names = "--device", paramLabel = "DEVICE", defaultValue = "cpu",
            description = "Inference device: cpu, gpu or gpu:N (default ${DEFAULT-VALUE}).")
    String device;

    AudioFingerprinter.Builder applyTo(AudioFingerprinter.Builder builder) {
        return builder.batchSize(batchSize).device(device);
    }
}
