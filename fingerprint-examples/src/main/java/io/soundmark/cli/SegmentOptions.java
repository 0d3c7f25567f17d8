package io.soundmark.cli;

import io.soundmark.AudioFingerprinter;
import picocli.CommandLine.Option;

/** The window options of SPEC, shared by the commands that make segment records. */
final class SegmentOptions {

    @Option(names = "--segment-duration", paramLabel = "S", defaultValue = "5.0",
            description = "Window length in seconds, 1.0 to 30.0 (default ${DEFAULT-VALUE}).")
    double segmentDuration;

    @Option(names = "--segment-hop", paramLabel = "S", defaultValue = "2.5",
            description = "Step between window starts in seconds, 0.5 to 15.0 (default ${DEFAULT-VALUE}).")
    double segmentHop;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "2",
            description = "Windows per inference call, 1 to 256 (default ${DEFAULT-VALUE}); results do not depend on it.")
    int batchSize;

    @Option(names = "--device", paramLabel = "DEVICE", defaultValue = "cpu",
            description = "Inference device: cpu, gpu or gpu:N (default ${DEFAULT-VALUE}).")
    String device;

    AudioFingerprinter.Builder applyTo(AudioFingerprinter.Builder builder) {
        return builder.segmentDurationSec(segmentDuration).segmentHopSec(segmentHop).batchSize(batchSize).device(device);
    }
}
