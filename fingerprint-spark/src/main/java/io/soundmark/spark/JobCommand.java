package io.soundmark.spark;

import io.soundmark.AudioSourceType;
import io.soundmark.model.Precision;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The job's command line, the main class of the job jar:
 * {@code spark-submit --master spark://host:7077 soundmark-spark.jar --input-dir /data/spots --output /data/out --model demo}.
 * Prints the run's summary on stdout; exits 0 when the job ran (failed inputs are rows of
 * {@code failures/}), 1 when it could not, 2 on a usage error.
 */
@Command(name = "soundmark-spark", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 110,
        description = {"Fingerprint a table of media locations on Spark into Parquet or JSON Lines.",
                "Re-running with the same --output skips the locations already done."})
public final class JobCommand implements Callable<Integer> {

    static final class Input {
        @Option(names = "--input", paramLabel = "FILE", required = true,
                description = "A text file (any Hadoop path) with one location per line: a local path every node reads, "
                        + "a file: URI, an http(s):// URL or s3://bucket/key.")
        String textFile;

        @Option(names = "--input-dir", paramLabel = "DIR", required = true,
                description = "Every regular file under DIR (recursively, hidden ones skipped), on a file system every node mounts.")
        String directory;

        @Option(names = "--input-table", paramLabel = "TABLE", required = true,
                description = "A Spark table with a column of locations (see --location-column).")
        String table;
    }

    @ArgGroup(multiplicity = "1")
    Input input;

    @Option(names = "--location-column", paramLabel = "NAME", defaultValue = "location",
            description = "The column of --input-table holding the locations (default ${DEFAULT-VALUE}).")
    String locationColumn;

    @Option(names = "--video", description = "The locations are videos: their default audio track is fingerprinted.")
    boolean video;

    @Option(names = "--output", paramLabel = "DIR", required = true,
            description = "Output directory (any Hadoop path): segments/, failures/ and empty/ tables.")
    String output;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "parquet",
            description = "parquet or json (JSON Lines); default ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--model", paramLabel = "demo|URL|PATH",
            description = "The model: 'demo' (untrained), an http(s) URL (downloaded once per node into the model cache, "
                    + "verified by --model-sha256 or the manifest beside it), or a path every node reads.")
    String model;

    @Option(names = "--model-sha256", paramLabel = "HEX", description = "SHA-256 of the model at --model URL.")
    String modelSha256;

    @Option(names = "--model-cache", paramLabel = "DIR",
            description = "Model cache on every node for --model URL (default: the core's, ~/.cache/soundmark).")
    String modelCache;

    @Option(names = "--model-file", paramLabel = "NAME",
            description = "A model shipped with the job (spark-submit --files model.pt,model.pt.json), by file name.")
    String modelFile;

    @Option(names = "--segment-duration", paramLabel = "S", defaultValue = "5.0",
            description = "Window length in seconds, 1.0 to 30.0 (default ${DEFAULT-VALUE}).")
    double segmentDuration;

    @Option(names = "--segment-hop", paramLabel = "S", defaultValue = "2.5",
            description = "Step between window starts in seconds, 0.5 to 15.0 (default ${DEFAULT-VALUE}).")
    double segmentHop;

    @Option(names = "--sample-rate", paramLabel = "HZ", defaultValue = "48000",
            description = "Processing rate in Hz, 8000 to 192000 (default ${DEFAULT-VALUE}).")
    int sampleRate;

    @Option(names = "--max-length", paramLabel = "S", defaultValue = "120.0",
            description = "Audio beyond this many seconds is ignored, 1.0 to 600.0 (default ${DEFAULT-VALUE}).")
    double maxLength;

    @Option(names = "--no-normalize", description = "Write raw model vectors instead of L2-normalised ones.")
    boolean noNormalize;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "2",
            description = "Windows per inference call, 1 to 256 (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--device", paramLabel = "DEVICE", defaultValue = "cpu",
            description = "Inference device on the executors: cpu, gpu or gpu:N (default ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--strict",
            description = "Fail an input whose decoding stops early on corruption, instead of keeping what was decoded.")
    boolean strict;

    @Option(names = "--precision", paramLabel = "P", defaultValue = "auto",
            description = "Model variant: auto (default: bf16 where an executor's CPU computes bf16 natively and the model "
                    + "has a bf16 variant, else fp32), fp32, bf16 or int8.")
    String precision;

    @Option(names = "--decoder", paramLabel = "NAME",
            description = "Force a decoder (javasound, mp3, flac, ffmpeg) instead of choosing by content.")
    String decoder;

    @Option(names = "--max-download-bytes", paramLabel = "N", defaultValue = "2147483648",
            description = "Largest remote input accepted, in bytes (default ${DEFAULT-VALUE}).")
    long maxDownloadBytes;

    @Option(names = "--connect-timeout", paramLabel = "S", defaultValue = "10",
            description = "Seconds to connect to a remote input (default ${DEFAULT-VALUE}).")
    double connectTimeout;

    @Option(names = "--read-timeout", paramLabel = "S", defaultValue = "30",
            description = "Seconds to wait for the next bytes of a remote input (default ${DEFAULT-VALUE}).")
    double readTimeout;

    @Option(names = "--locations-per-partition", paramLabel = "N", defaultValue = "1",
            description = "Locations per task (default ${DEFAULT-VALUE}).")
    int locationsPerPartition;

    @Option(names = "--locations-per-commit", paramLabel = "N", defaultValue = "10000",
            description = "Locations between commits of the output: what a crash can cost (default ${DEFAULT-VALUE}).")
    int locationsPerCommit;

    @Option(names = "--locations-per-file", paramLabel = "N", defaultValue = "100",
            description = "Locations whose rows share one output file (default ${DEFAULT-VALUE}).")
    int locationsPerFile;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    static int execute(String... args) {
        return CommandLines.execute(new JobCommand(), args);
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        JobOptions options;
        try {
            options = options();
        } catch (IllegalArgumentException e) {
            return CommandLines.error(err, e.getMessage(), CommandLines.USAGE);
        }
        SparkSession spark = SparkSession.builder().appName("soundmark " + output).getOrCreate();
        try {
            JobResult result = FingerprintJob.run(spark, options);
            PrintWriter out = spec.commandLine().getOut();
            out.println(result);
            out.flush();
            return 0;
        } catch (RuntimeException e) {
            return CommandLines.error(err, PartitionFingerprinter.describe(output, e), CommandLines.FAILED);
        } finally {
            spark.stop();
        }
    }

    JobOptions options() {
        return JobOptions.builder()
                .input(jobInput())
                .output(output)
                .format(switch (format.toLowerCase(Locale.ROOT)) {
                    case "parquet" -> OutputFormat.PARQUET;
                    case "json", "jsonl" -> OutputFormat.JSON;
                    default -> throw new IllegalArgumentException("--format " + format + " is not valid: allowed parquet or json");
                })
                .sourceType(video ? AudioSourceType.VIDEO : AudioSourceType.AUDIO)
                .model(jobModel())
                .segmentDurationSec(segmentDuration)
                .segmentHopSec(segmentHop)
                .sampleRate(sampleRate)
                .maxAudioLengthSec(maxLength)
                .normalizeEmbeddings(!noNormalize)
                .batchSize(batchSize)
                .device(device)
                .strict(strict)
                .precision(Precision.fromName(precision))
                .decoder(decoder)
                .maxDownloadBytes(maxDownloadBytes)
                .connectTimeout(seconds("--connect-timeout", connectTimeout))
                .readTimeout(seconds("--read-timeout", readTimeout))
                .locationsPerPartition(locationsPerPartition)
                .locationsPerCommit(locationsPerCommit)
                .locationsPerFile(locationsPerFile)
                .build();
    }

    private JobInput jobInput() {
        if (input.textFile != null) {
            return JobInput.textFile(input.textFile);
        }
        return input.directory != null ? JobInput.directory(input.directory) : JobInput.table(input.table, locationColumn);
    }

    private JobModel jobModel() {
        if ((model == null) == (modelFile == null)) {
            throw new IllegalArgumentException("give the model once: --model demo|URL|PATH or --model-file NAME");
        }
        if (modelFile != null) {
            return JobModel.sparkFile(modelFile);
        }
        if (model.equals("demo")) {
            return JobModel.demo();
        }
        if (model.startsWith("http://") || model.startsWith("https://")) {
            return JobModel.url(URI.create(model), modelSha256, modelCache);
        }
        return JobModel.path(model);
    }

    private static Duration seconds(String option, double value) {
        if (!(value > 0 && value <= 86400)) {
            throw new IllegalArgumentException(option + " = " + value + " is out of range: allowed above 0 to 86400");
        }
        return Duration.ofMillis(Math.round(value * 1000));
    }
}
