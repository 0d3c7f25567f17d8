package io.soundmark.cli;

import io.soundmark.AudioFingerprinter;
import io.soundmark.FingerprintInput;
import io.soundmark.io.SourceOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/**
 * The options that say how to read and prepare inputs, shared by the commands that read media.
 * Which inputs a command takes is its own group: {@link OneInput} or {@link ManyInputs}.
 */
final class InputOptions {

    /** The location that means standard input. */
    static final String STDIN = "-";

    /** Exactly one input. */
    static final class OneInput {
        @Option(names = "--audio", paramLabel = "INPUT", required = true,
                description = "Audio: a local path, file: URI, http(s):// URL, s3://bucket/key, or - for standard input.")
        String audio;

        @Option(names = "--video", paramLabel = "INPUT", required = true,
                description = "A video whose default audio track is used: a path, URL or -, as for --audio.")
        String video;

        FingerprintInput toInput() {
            return video != null ? input(true, video) : input(false, audio);
        }
    }

    /** One input or many: repeated flags, or directories. */
    static final class ManyInputs {
        @Option(names = "--audio", paramLabel = "INPUT", required = true,
                description = "Audio: a local path, file: URI, http(s):// URL, s3://bucket/key, or - for standard input. "
                        + "Repeat it, or name a directory (its files, sorted), for many inputs.")
        List<String> audio;

        @Option(names = "--video", paramLabel = "INPUT", required = true,
                description = "A video whose default audio track is used: a path, URL or -, as for --audio; repeatable.")
        List<String> video;

        /** Every input named, directories expanded to their regular files (sorted, hidden ones skipped). */
        List<FingerprintInput> toInputs() {
            boolean isVideo = video != null;
            List<FingerprintInput> out = new ArrayList<>();
            for (String location : isVideo ? video : audio) {
                if (!location.equals(STDIN) && Files.isDirectory(Path.of(location))) {
                    try (Stream<Path> files = Files.list(Path.of(location))) {
                        files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                                .sorted().forEach(f -> out.add(isVideo ? FingerprintInput.video(f) : FingerprintInput.audio(f)));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                } else {
                    out.add(input(isVideo, location));
                }
            }
            return out;
        }

        /** Whether more than one input may result (several given, or a directory). */
        boolean many() {
            List<String> given = video != null ? video : audio;
            return given.size() > 1 || given.stream().anyMatch(l -> !l.equals(STDIN) && Files.isDirectory(Path.of(l)));
        }
    }

    private static FingerprintInput input(boolean video, String location) {
        if (location.equals(STDIN)) {
            return video ? FingerprintInput.video(System.in, null) : FingerprintInput.audio(System.in, null);
        }
        return video ? FingerprintInput.video(location) : FingerprintInput.audio(location);
    }

    @Option(names = "--sample-rate", paramLabel = "HZ", defaultValue = "48000",
            description = "Processing rate in Hz, 8000 to 192000 (default ${DEFAULT-VALUE}; CLAP was trained at 48000).")
    int sampleRate;

    @Option(names = "--max-length", paramLabel = "S", defaultValue = "120.0",
            description = "Audio beyond this many seconds is ignored, 1.0 to 600.0 (default ${DEFAULT-VALUE}).")
    double maxLength;

    @Option(names = "--decoder", paramLabel = "NAME",
            description = "Force a decoder (javasound, mp3, flac, ffmpeg) instead of choosing by content.")
    String decoder;

    @Option(names = "--strict",
            description = "Fail an input whose decoding stops early on corruption, instead of keeping what was decoded with a warning.")
    boolean strict;

    @Option(names = "--max-download-bytes", paramLabel = "N", defaultValue = "2147483648",
            description = "Largest input accepted, in bytes, local or remote (default ${DEFAULT-VALUE}, 2 GiB).")
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

    @Option(names = "--quiet", description = "Print no warning: or progress: lines (errors are still printed).")
    boolean quiet;

    @Option(names = "--verbose", description = "Log progress to stderr and print stack traces on errors.")
    boolean verbose;

    /**
     * A builder with these options applied; warnings about inputs go to {@code err} as
     * {@code warning:} lines unless quiet.
     */
    AudioFingerprinter.Builder builder(PrintWriter err) {
        return AudioFingerprinter.builder().sampleRate(sampleRate).maxAudioLengthSec(maxLength).decoder(decoder)
                .strict(strict).sourceOptions(sourceOptions()).onWarning(w -> warn(err, w.toString()));
    }

    /** How inputs are read: size limit, timeouts and the S3 endpoint. */
    SourceOptions sourceOptions() {
        if (maxDownloadBytes < 1) {
            throw new UsageException("--max-download-bytes " + maxDownloadBytes + " is out of range: allowed 1 or more");
        }
        SourceOptions sources = SourceOptions.defaults().withMaxBytes(maxDownloadBytes)
                .withConnectTimeout(seconds("--connect-timeout", connectTimeout))
                .withReadTimeout(seconds("--read-timeout", readTimeout));
        if (s3Endpoint != null) {
            sources = sources.withProviderSetting("s3.endpoint", s3Endpoint); // read by the S3 source module
        }
        return sources;
    }

    /** A {@code warning:} line, unless quiet. */
    void warn(PrintWriter err, String message) {
        if (!quiet) {
            err.println("warning: " + message);
            err.flush();
        }
    }

    private static Duration seconds(String option, double value) {
        if (!(value > 0 && value <= 86400)) {
            throw new UsageException(option + " " + value + " is out of range: allowed above 0 to 86400");
        }
        return Duration.ofMillis(Math.round(value * 1000));
    }
}
