package io.soundmark.cli;

import io.soundmark.AudioFingerprinter;
import io.soundmark.FingerprintInput;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** The options that say what to read and how to prepare it, shared by {@code embed} and {@code decode}. */
final class InputOptions {

    static final class Input {
        @Option(names = "--audio", paramLabel = "INPUT", required = true,
                description = "Audio: a local path or file: URI.")
        String audio;

        @Option(names = "--video", paramLabel = "INPUT", required = true,
                description = "A video whose default audio track is used: a local path or file: URI.")
        String video;
    }

    @ArgGroup(multiplicity = "1")
    Input input;

    @Option(names = "--sample-rate", paramLabel = "HZ", defaultValue = "48000",
            description = "Processing rate in Hz, 8000 to 192000 (default ${DEFAULT-VALUE}; CLAP was trained at 48000).")
    int sampleRate;

    @Option(names = "--max-length", paramLabel = "S", defaultValue = "120.0",
            description = "Audio beyond this many seconds is ignored, 1.0 to 600.0 (default ${DEFAULT-VALUE}).")
    double maxLength;

    @Option(names = "--decoder", paramLabel = "NAME",
            description = "Force a decoder (javasound, mp3, flac, ffmpeg) instead of choosing by content.")
    String decoder;

    @Option(names = "--verbose", description = "Log progress to stderr and print stack traces on errors.")
    boolean verbose;

    /** A builder with these options applied. */
    AudioFingerprinter.Builder builder() {
        return AudioFingerprinter.builder().sampleRate(sampleRate).maxAudioLengthSec(maxLength).decoder(decoder);
    }

    FingerprintInput fingerprintInput() {
        return input.audio != null ? FingerprintInput.audio(input.audio) : FingerprintInput.video(input.video);
    }
}
