package io.soundmark.cli;

import io.soundmark.AudioFingerprinter;
import io.soundmark.FingerprintInput;
import io.soundmark.io.SourceOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** The options that say what to read and how to prepare it, shared by {@code embed} and {@code decode}. */
final class InputOptions {

    static final class Input {
        @Option(names = "--audio", paramLabel = "INPUT", required = true,
                description = "Audio: a local path, file: URI, http(s):// URL or s3://bucket/key. Repeat it, or "
                        + "name a directory (its files, sorted), for many inputs.")
        List<String> audio;

        @Option(names = "--video", paramLabel = "INPUT", required = true,
                description = "A video whose default audio track is used: a path or URL, as for --audio.")
        List<String> video;
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

    @Option(names = "--max-download-bytes", paramLabel = "N", defaultValue = "2147483648",
            description = "Largest remote input accepted, in bytes (default ${DEFAULT-VALUE}, 2 GiB).")
    long maxDownloadBytes;

    @Option(names = "--connect-timeout", paramLabel = "S", defaultValue = "10",
            description = "Seconds to connect to a remote input (default ${DEFAULT-VALUE}).")
    double connectTimeout;

    @Option(names = "--read-timeout", paramLabel = "S", defaultValue = "30",
            description = "Seconds to wait for a response or the next bytes of a remote input (default ${DEFAULT-VALUE}).")
    double readTimeout;

    @Option(names = "--s3-endpoint", paramLabel = "URL",
            description = "Endpoint of an S3-compatible store (MinIO, Ceph, R2) for s3:// inputs, read with path-style "
                    + "access. Default: $SOUNDMARK_S3_ENDPOINT, else AWS S3. Credentials and region come from the "
                    + "standard AWS chains (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION, ~/.aws).")
    String s3Endpoint;

    @Option(names = "--verbose", description = "Log progress to stderr and print stack traces on errors.")
    boolean verbose;

    /** A builder with these options applied. */
    AudioFingerprinter.Builder builder() {
        SourceOptions sources = SourceOptions.defaults().withMaxBytes(maxDownloadBytes)
                .withConnectTimeout(seconds("--connect-timeout", connectTimeout))
                .withReadTimeout(seconds("--read-timeout", readTimeout));
        if (s3Endpoint != null) {
            sources = sources.withProviderSetting("s3.endpoint", s3Endpoint); // read by the S3 source module
        }
        return AudioFingerprinter.builder().sampleRate(sampleRate).maxAudioLengthSec(maxLength).decoder(decoder)
                .sourceOptions(sources);
    }

    private static Duration seconds(String option, double value) {
        if (!(value > 0 && value <= 86400)) {
            throw new IllegalArgumentException(option + " = " + value + " is out of range: allowed above 0 to 86400");
        }
        return Duration.ofMillis(Math.round(value * 1000));
    }

    /** The one input of a single-input command. */
    FingerprintInput fingerprintInput() {
        List<FingerprintInput> all = fingerprintInputs();
        if (all.size() != 1) {
            throw new IllegalArgumentException("this command takes one input, got " + all.size());
        }
        return all.get(0);
    }

    /** Every input named, directories expanded to their regular files (sorted, hidden ones skipped). */
    List<FingerprintInput> fingerprintInputs() {
        boolean video = input.video != null;
        List<FingerprintInput> out = new ArrayList<>();
        for (String location : video ? input.video : input.audio) {
            Path dir = Files.isDirectory(Path.of(location)) ? Path.of(location) : null;
            if (dir == null) {
                out.add(video ? FingerprintInput.video(location) : FingerprintInput.audio(location));
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                        .sorted().forEach(f -> out.add(video ? FingerprintInput.video(f) : FingerprintInput.audio(f)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** Whether more than one input may result (several given, or a directory). */
    boolean many() {
        List<String> given = input.video != null ? input.video : input.audio;
        return given.size() > 1 || given.stream().anyMatch(l -> Files.isDirectory(Path.of(l)));
    }
}
