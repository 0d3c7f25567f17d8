package io.soundmark.cli;

import io.soundmark.AudioFingerprinter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The window options of SPEC and the inference options, shared by the commands that make segment records. */
final class SegmentOptions {

    @Option(names = "--segment-duration", paramLabel = "S", defaultValue = "5.0",
            description = "Window length in seconds, 1.0 to 30.0 (default ${DEFAULT-VALUE}).")
    double segmentDuration;

    @Option(names = "--segment-hop", paramLabel = "S", defaultValue = "2.5",
            description = "Step between window starts in seconds, 0.5 to 15.0 (default ${DEFAULT-VALUE}).")
    double segmentHop;

    @Mixin
    InferenceOptions inference;

    AudioFingerprinter.Builder applyTo(AudioFingerprinter.Builder builder) {
        return inference.applyTo(builder.segmentDurationSec(segmentDuration).segmentHopSec(segmentHop));
    }
}
