package io.soundmark.spark;

import io.soundmark.AudioSourceType;
import io.soundmark.FingerprintOptions;
import io.soundmark.io.SourceOptions;
import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link FingerprintJob} reads, how it fingerprints and where it writes. Immutable; made
 * with {@link #builder()}, whose fingerprinting settings mirror {@code AudioFingerprinter.Builder}
 * and default to SPEC's values. {@link Builder#build()} validates everything on the driver, before
 * any task starts.
 *
 * <pre>{@code
 * JobOptions options = JobOptions.builder()
 *         .input(JobInput.textFile("s3a://archive/locations.txt"))
 *         .output("s3a://archive/fingerprints")
 *         .model(JobModel.url(URI.create("https://models.example.com/clap/model.pt"), sha256))
 *         .build();
 * }</pre>
 */
public final class JobOptions {

    /** Locations per task by default: one, so that a slow input never holds others back. */
    public static final int DEFAULT_LOCATIONS_PER_PARTITION = 1;
    /** Locations per commit by default: what a crash can cost, against a short pause per commit. */
    public static final int DEFAULT_LOCATIONS_PER_COMMIT = 10_000;
    /** Locations per output file by default: about 100 × 47 rows of 2 KiB, some 10 MB of Parquet. */
    public static final int DEFAULT_LOCATIONS_PER_FILE = 100;

    private final JobInput input;
    private final String output;
    private final OutputFormat format;
    private final AudioSourceType sourceType;
    private final FingerprinterSettings settings;
    private final int locationsPerPartition;
    private final int locationsPerCommit;
    private final int locationsPerFile;

    private JobOptions(Builder b) {
        this.input = required(b.input, "no input: set input(JobInput...)");
        if (b.output == null || b.output.isBlank()) {
            throw new IllegalArgumentException("no output directory: set output(DIR)");
        }
        this.output = b.output;
        this.format = Objects.requireNonNull(b.format, "format");
        this.sourceType = Objects.requireNonNull(b.sourceType, "sourceType");
        this.settings = new FingerprinterSettings(required(b.model, "no model: set model(JobModel...)"),
                b.segmentDurationSec, b.segmentHopSec, b.sampleRate, b.normalizeEmbeddings, b.maxAudioLengthSec,
                b.batchSize, b.device, b.strict, b.decoder, b.maxDownloadBytes, b.connectTimeout.toMillis(), b.readTimeout.toMillis());
        this.locationsPerPartition = atLeastOne("locations per partition", b.locationsPerPartition);
        this.locationsPerCommit = atLeastOne("locations per commit", b.locationsPerCommit);
        this.locationsPerFile = atLeastOne("locations per file", b.locationsPerFile);
    }

    /** A builder with SPEC's defaults, Parquet output and audio inputs. */
    public static Builder builder() {
        return new Builder();
    }

    public JobInput input() {
        return input;
    }

    /** The output directory (any Hadoop path): {@code segments/}, {@code failures/} and {@code empty/} below it. */
    public String output() {
        return output;
    }

    public OutputFormat format() {
        return format;
    }

    /** {@code audio}, or {@code video} when every location is a video whose audio track is used. */
    public AudioSourceType sourceType() {
        return sourceType;
    }

    public JobModel model() {
        return settings.model();
    }

    /** The fingerprinting options, validated by the core. */
    public FingerprintOptions fingerprintOptions() {
        return settings.options();
    }

    public SourceOptions sourceOptions() {
        return settings.sourceOptions();
    }

    public int locationsPerPartition() {
        return locationsPerPartition;
    }

    public int locationsPerCommit() {
        return locationsPerCommit;
    }

    public int locationsPerFile() {
        return locationsPerFile;
    }

    FingerprinterSettings settings() {
        return settings;
    }

    private static <T> T required(T value, String message) {
        if (value == null) {
            throw new IllegalArgumentException(message);
        }
        return value;
    }

    private static int atLeastOne(String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " = " + value + " is out of range: allowed 1 or more");
        }
        return value;
    }

    /** Configures {@link JobOptions}; see each method for its default. */
    public static final class Builder {
        private JobInput input;
        private String output;
        private OutputFormat format = OutputFormat.PARQUET;
        private AudioSourceType sourceType = AudioSourceType.AUDIO;
        private JobModel model;
        private double segmentDurationSec = FingerprintOptions.DEFAULT_SEGMENT_DURATION_SEC;
        private double segmentHopSec = FingerprintOptions.DEFAULT_SEGMENT_HOP_SEC;
        private int sampleRate = FingerprintOptions.DEFAULT_SAMPLE_RATE;
        private boolean normalizeEmbeddings = true;
        private double maxAudioLengthSec = FingerprintOptions.DEFAULT_MAX_AUDIO_LENGTH_SEC;
        private int batchSize = FingerprintOptions.DEFAULT_BATCH_SIZE;
        private String device = FingerprintOptions.DEFAULT_DEVICE;
        private boolean strict;
        private String decoder;
        private long maxDownloadBytes = SourceOptions.defaults().maxBytes();
        private Duration connectTimeout = SourceOptions.defaults().connectTimeout();
        private Duration readTimeout = SourceOptions.defaults().readTimeout();
        private int locationsPerPartition = DEFAULT_LOCATIONS_PER_PARTITION;
        private int locationsPerCommit = DEFAULT_LOCATIONS_PER_COMMIT;
        private int locationsPerFile = DEFAULT_LOCATIONS_PER_FILE;

        private Builder() {
        }

        /** The locations to fingerprint (required). */
        public Builder input(JobInput input) {
            this.input = input;
            return this;
        }

        /** The output directory (required); a later run with the same output resumes. */
        public Builder output(String directory) {
            this.output = directory;
            return this;
        }

        /** Parquet (default) or JSON Lines. */
        public Builder format(OutputFormat format) {
            this.format = format;
            return this;
        }

        /** {@code VIDEO} when the locations are videos (default {@code AUDIO}); only {@code audio_source_type} differs. */
        public Builder sourceType(AudioSourceType type) {
            this.sourceType = type;
            return this;
        }

        /** Where the executors get the model (required). */
        public Builder model(JobModel model) {
            this.model = model;
            return this;
        }

        /** Window length in seconds, 1.0 to 30.0 (default 5.0). */
        public Builder segmentDurationSec(double seconds) {
            this.segmentDurationSec = seconds;
            return this;
        }

        /** Step between window starts in seconds, 0.5 to 15.0 (default 2.5). */
        public Builder segmentHopSec(double seconds) {
            this.segmentHopSec = seconds;
            return this;
        }

        /** Processing rate in Hz, 8000 to 192000 (default 48000). */
        public Builder sampleRate(int hertz) {
            this.sampleRate = hertz;
            return this;
        }

        /** Whether to L2-normalise each vector (default true). */
        public Builder normalizeEmbeddings(boolean normalize) {
            this.normalizeEmbeddings = normalize;
            return this;
        }

        /** Audio beyond this many seconds is ignored, 1.0 to 600.0 (default 120.0). */
        public Builder maxAudioLengthSec(double seconds) {
            this.maxAudioLengthSec = seconds;
            return this;
        }

        /** Windows per inference call, 1 to 256 (default 2). Results do not depend on it. */
        public Builder batchSize(int size) {
            this.batchSize = size;
            return this;
        }

        /** Inference device on the executors: {@code cpu} (default), {@code gpu} or {@code gpu:N}. */
        public Builder device(String name) {
            this.device = name;
            return this;
        }

        /**
         * Whether an input whose decoding stops early on corruption fails (a row of {@code failures/})
         * instead of being fingerprinted as far as it decoded, with a warning in the executor's log (default false).
         */
        public Builder strict(boolean strictDecoding) {
            this.strict = strictDecoding;
            return this;
        }

        /** Forces one decoder ({@code javasound}, {@code mp3}, {@code flac}, {@code ffmpeg}); null (default) chooses by content. */
        public Builder decoder(String name) {
            this.decoder = name;
            return this;
        }

        /** Largest remote input accepted, in bytes (default 2 GiB). */
        public Builder maxDownloadBytes(long bytes) {
            this.maxDownloadBytes = bytes;
            return this;
        }

        /** Time to connect to a remote input (default 10 s). */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Longest wait for a response or the next bytes of a remote input (default 30 s). */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Locations each task fingerprints, one after the other (default 1). */
        public Builder locationsPerPartition(int count) {
            this.locationsPerPartition = count;
            return this;
        }

        /**
         * Locations fingerprinted between two commits of the output (default 10 000): a crash or a
         * cancelled run loses at most the work since the last commit.
         */
        public Builder locationsPerCommit(int count) {
            this.locationsPerCommit = count;
            return this;
        }

        /** Locations whose rows go into one output file (default 100), so that the output is not a swarm of small files. */
        public Builder locationsPerFile(int count) {
            this.locationsPerFile = count;
            return this;
        }

        /**
         * Validates the options.
         *
         * @throws IllegalArgumentException naming the option and its allowed range, or a required option that is missing
         */
        public JobOptions build() {
            return new JobOptions(this);
        }
    }
}
