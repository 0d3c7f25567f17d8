package io.soundmark;

import io.soundmark.decode.PcmStream;
import io.soundmark.internal.CpuFeatures;
import io.soundmark.io.SourceOptions;
import io.soundmark.model.EmbeddingModel;
import io.soundmark.model.FeatureSettings;
import io.soundmark.model.ModelManifest;
import io.soundmark.model.ModelSource;
import io.soundmark.model.Precision;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns audio, or the audio track of a video, into CLAP fingerprints: one L2-normalised embedding
 * per overlapping time window, with its timing.
 *
 * <pre>{@code
 * try (AudioFingerprinter fingerprinter = AudioFingerprinter.builder()
 *         .model(ModelSource.file(Path.of("models/clap-htsat-unfused")))
 *         .segmentDurationSec(5.0)
 *         .segmentHopSec(2.5)
 *         .build()) {
 *     for (SegmentEmbedding segment : fingerprinter.fingerprint(FingerprintInput.audio("jingle.wav"))) {
 *         System.out.println(segment.toJson());
 *     }
 * }
 * }</pre>
 *
 * <p>An instance is thread-safe and meant to be shared: the model is loaded once (on first use,
 * after the first input has been opened, so that bad input fails fast) and every call runs with its
 * own predictor. {@link ParallelFingerprinter} runs many inputs at once with one instance.
 *
 * <p>Memory is bounded by one window of samples and one batch of features per running call,
 * whatever the input's length: use {@link #stream} or {@link #fingerprint(FingerprintInput, Consumer)}
 * to receive records as they are produced.
 *
 * <p>Cancellation: interrupting the calling thread stops its call with a {@link CancelledException}
 * and frees its predictor; {@link #close()} cancels every running call the same way.
 */
public final class AudioFingerprinter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AudioFingerprinter.class);
    private static final AtomicInteger FRONT_END_THREADS = new AtomicInteger();

    private final FingerprintOptions options;
    private final ModelSource modelSource;
    private final ModelManifest manifest;
    private final SourceResolver sources;
    private final DecoderRegistry decoders;
    private final PipelineContext context;
    private final Object lock = new Object();
    private final Set<SegmentPipeline> running = ConcurrentHashMap.newKeySet();
    /** Front-end threads (decode, windows, log-mel), one per running call, overlapping with inference. */
    private final ExecutorService frontEnds = Executors.newCachedThreadPool(runnable -> {
        Thread t = new Thread(runnable, "soundmark-front-end-" + FRONT_END_THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });
    private EmbeddingModel model;
    private boolean closed;

    private AudioFingerprinter(FingerprintOptions options, ModelSource modelSource, ModelManifest manifest,
                               SourceResolver sources, DecoderRegistry decoders, Consumer<FingerprintWarning> warnings) {
        this.options = options;
        this.modelSource = modelSource;
        this.manifest = manifest;
        this.sources = sources;
        this.decoders = decoders;
        FeatureSettings features = manifest.features().withSampleRate(options.sampleRate());
        this.context = new PipelineContext(options, manifest.id(), features, () -> loadModel().newEmbedder(),
                warnings, frontEnds);
    }

    /** A builder with SPEC's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The validated options. */
    public FingerprintOptions options() {
        return options;
    }

    /** The manifest of the model: its id (reported as {@code embedding_model}), size and feature settings. */
    public ModelManifest modelManifest() {
        return manifest;
    }

    /**
     * Fingerprints one input.
     *
     * @return the records in time order (empty for an input without samples)
     * @throws MediaException     when the input cannot be opened, read or decoded
     * @throws ModelException     when the model cannot be loaded or fails
     * @throws CancelledException when the thread is interrupted or the fingerprinter closed meanwhile
     */
    public List<SegmentEmbedding> fingerprint(FingerprintInput input) {
        List<SegmentEmbedding> out = new ArrayList<>();
        fingerprint(input, out::add);
        return out;
    }

    /**
     * Fingerprints one input, handing each record to {@code sink} as soon as it is produced.
     *
     * @throws MediaException     when the input cannot be opened, read or decoded
     * @throws ModelException     when the model cannot be loaded or fails
     * @throws CancelledException when the thread is interrupted or the fingerprinter closed meanwhile
     */
    public void fingerprint(FingerprintInput input, Consumer<? super SegmentEmbedding> sink) {
        try (SegmentPipeline pipeline = open(input, options.maxAudioLengthSec())) {
            pipeline.forEachRemaining(sink);
        }
    }

    /**
     * Fingerprints one input lazily: records are produced as the stream is consumed. Close the
     * stream (try-with-resources) to release the input and the predictor early.
     *
     * @throws MediaException when the input cannot be opened (later failures surface from the stream)
     */
    public Stream<SegmentEmbedding> stream(FingerprintInput input) {
        return stream(open(input, options.maxAudioLengthSec()));
    }

    /**
     * Fingerprints the whole of an input, however long, lazily: {@code max_audio_length_sec} does
     * not apply, so this suits live streams (an http(s) stream, standard input) and archive files
     * of any length. Memory stays flat. {@code total_duration_sec} is null in every record, since
     * records are handed out before the end is known. Close the stream to stop.
     *
     * @throws MediaException when the input cannot be opened (later failures surface from the stream)
     */
    public Stream<SegmentEmbedding> streamUnbounded(FingerprintInput input) {
        return stream(open(input, Double.POSITIVE_INFINITY));
    }

    private static Stream<SegmentEmbedding> stream(SegmentPipeline pipeline) {
        Spliterator<SegmentEmbedding> split = Spliterators.spliteratorUnknownSize(pipeline,
                Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.IMMUTABLE);
        return StreamSupport.stream(split, false).onClose(pipeline::close);
    }

    /**
     * Opens the audio of an input as the front end sees it: decoded, mono, at the processing rate,
     * cut at {@code max_audio_length_sec}. Does not load the model.
     *
     * @throws MediaException when the input cannot be opened or decoded
     */
    public DecodedAudio openAudio(FingerprintInput input) {
        return openAudio(input, options.maxAudioLengthSec());
    }

    /**
     * Opens the whole of an input's audio, however long, as the front end sees it (decoded, mono,
     * at the processing rate): {@code max_audio_length_sec} does not apply. For callers that cut
     * their own windows from a live stream or a long archive and fingerprint them as
     * {@link FingerprintInput#pcm PCM}, such as sound-mark detection. Does not load the model.
     *
     * @throws MediaException when the input cannot be opened or decoded
     */
    public DecodedAudio openAudioUnbounded(FingerprintInput input) {
        return openAudio(input, Double.POSITIVE_INFINITY);
    }

    private DecodedAudio openAudio(FingerprintInput input, double maxLengthSec) {
        Objects.requireNonNull(input, "input");
        checkOpen();
        PcmStream pcm = decode(input);
        try {
            return new DecodedAudio(input.name(), pcm, options.sampleRate(), maxLengthSec);
        } catch (RuntimeException e) {
            try {
                pcm.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private SegmentPipeline open(FingerprintInput input, double maxLengthSec) {
        DecodedAudio audio = openAudio(input, maxLengthSec);
        synchronized (lock) {
            if (closed) { // while the input was being opened
                audio.close();
                throw new CancelledException(input.name(), "the fingerprinter was closed");
            }
            SegmentPipeline[] self = new SegmentPipeline[1];
            self[0] = new SegmentPipeline(audio, input.sourceType(), maxLengthSec, context,
                    () -> running.remove(self[0]));
            running.add(self[0]);
            return self[0];
        }
    }

    private PcmStream decode(FingerprintInput input) {
        if (input instanceof FingerprintInput.Pcm pcm) {
            return new ArrayPcmStream(pcm.samples(), pcm.sampleRate(), pcm.channels());
        }
        if (input instanceof FingerprintInput.Streamed streamed) {
            return decoders.open(input.name(), streamed.stream(), null, streamed.formatHint());
        }
        if (input instanceof FingerprintInput.LocalFile file) {
            return decoders.open(sources.resolve(file.path(), input.name()), null);
        }
        return decoders.open(sources.resolve(((FingerprintInput.Location) input).location()), null);
    }

    private EmbeddingModel loadModel() {
        synchronized (lock) {
            checkOpen();
            if (model == null) {
                try {
                    LOG.debug("loading model {} from {} on {}", manifest.id(), modelSource.name(), options.device());
                    model = modelSource.load(manifest, options.device());
                } catch (IOException | RuntimeException e) {
                    throw new ModelException("model " + modelSource.name() + ": " + SourceResolver.describe(e), e);
                }
            }
            return model;
        }
    }

    private void checkOpen() {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("this AudioFingerprinter is closed");
            }
        }
    }

    /**
     * Frees the model. Calls still running fail promptly with a {@link CancelledException} (a batch
     * already in inference finishes first); later calls fail with {@link IllegalStateException}.
     * Idempotent.
     */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        for (SegmentPipeline p : running) {
            p.cancel("the fingerprinter was closed");
        }
        frontEnds.shutdownNow();
        synchronized (lock) {
            if (model != null) {
                model.close();
                model = null;
            }
        }
    }

    /**
     * Configures an {@link AudioFingerprinter}. Every option has SPEC's default; {@link #build()}
     * validates them all and reads the model's manifest (the model itself loads on first use).
     */
    public static final class Builder {
        private double segmentDurationSec = FingerprintOptions.DEFAULT_SEGMENT_DURATION_SEC;
        private double segmentHopSec = FingerprintOptions.DEFAULT_SEGMENT_HOP_SEC;
        private int sampleRate = FingerprintOptions.DEFAULT_SAMPLE_RATE;
        private boolean normalizeEmbeddings = true;
        private double maxAudioLengthSec = FingerprintOptions.DEFAULT_MAX_AUDIO_LENGTH_SEC;
        private int batchSize = FingerprintOptions.DEFAULT_BATCH_SIZE;
        private String device = FingerprintOptions.DEFAULT_DEVICE;
        private boolean strict;
        private Precision precision = Precision.AUTO;
        private Consumer<FingerprintWarning> warnings = w -> LOG.warn("{}", w);
        private ModelSource model;
        private ClassLoader classLoader;
        private String decoder;
        private SourceOptions sourceOptions = SourceOptions.defaults();

        private Builder() {
        }

        /** Window length in seconds, 1.0 to 30.0 (default 5.0). */
        public Builder segmentDurationSec(double seconds) {
            this.segmentDurationSec = seconds;
            return this;
        }

        /** Step between window starts in seconds, 0.5 to 15.0 (default 2.5; equal to the duration: no overlap). */
        public Builder segmentHopSec(double seconds) {
            this.segmentHopSec = seconds;
            return this;
        }

        /** Processing rate in Hz, 8000 to 192000 (default 48000, the rate CLAP was trained at). */
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

        /** Model inputs per inference call, 1 to 256 (default 2). Results do not depend on it. */
        public Builder batchSize(int size) {
            this.batchSize = size;
            return this;
        }

        /** Inference device: {@code "cpu"} (default), {@code "gpu"} or {@code "gpu:N"}. */
        public Builder device(String name) {
            this.device = name;
            return this;
        }

        /**
         * Which precision variant of the model runs (default {@link Precision#AUTO}: bf16 when the
         * model has a bf16 variant and the CPU computes bf16 natively, else fp32; never int8).
         * Asking for a variant the model lacks fails in {@link #build()}. The choice is logged and
         * stated by {@link AudioFingerprinter#modelManifest()}.
         */
        public Builder precision(Precision variant) {
            this.precision = Objects.requireNonNull(variant, "variant");
            return this;
        }

        /**
         * Whether a decode that stops early on corrupt or truncated media is an error
         * ({@link MediaException}) instead of a warning (default false: the audio decoded so far is
         * fingerprinted and a {@link FingerprintWarning} says how much was lost).
         */
        public Builder strict(boolean strictDecoding) {
            this.strict = strictDecoding;
            return this;
        }

        /**
         * Receives the warnings about inputs (partial decodes, inputs without samples), on the
         * thread that called the fingerprinter, in order with its records. Default: logged through
         * SLF4J at WARN.
         */
        public Builder onWarning(Consumer<FingerprintWarning> listener) {
            this.warnings = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * The model to run. When none is set, the preset {@value ModelManifest#DEFAULT_ID} is used:
         * the location in the system property {@code soundmark.model}, else the environment variable
         * {@code SOUNDMARK_MODEL} (see {@link ModelSource#preset(String)}).
         */
        public Builder model(ModelSource source) {
            this.model = Objects.requireNonNull(source, "source");
            return this;
        }

        /** Shorthand for {@code model(ModelSource.file(file))}. */
        public Builder model(Path file) {
            return model(ModelSource.file(file));
        }

        /**
         * Forces one decoder (by its name: {@code javasound}, {@code mp3}, {@code flac}, {@code ffmpeg}, ...)
         * for every input instead of choosing by content; {@code null} (the default) chooses.
         */
        public Builder decoder(String name) {
            this.decoder = name;
            return this;
        }

        /**
         * Timeouts, size limit, redirects and allowed schemes for remote inputs (default
         * {@link SourceOptions#defaults()}: 10 s to connect, 30 s between bytes, 2 GiB, 5 redirects,
         * file/http/https/s3).
         */
        public Builder sourceOptions(SourceOptions options) {
            this.sourceOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        /** Class loader for finding decoder and media source plug-ins (default: this library's). */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = loader;
            return this;
        }

        /**
         * Validates the options and reads the model's manifest.
         *
         * @throws IllegalArgumentException naming the parameter, its value and the allowed range, or
         *                                  naming a forced decoder that is not installed
         * @throws ModelException when no model is configured or its manifest cannot be used
         */
        public AudioFingerprinter build() {
            FingerprintOptions options = new FingerprintOptions(segmentDurationSec, segmentHopSec, sampleRate,
                    normalizeEmbeddings, maxAudioLengthSec, batchSize, device, strict, precision);
            ClassLoader loader = classLoader != null ? classLoader : AudioFingerprinter.class.getClassLoader();
            DecoderRegistry decoders = new DecoderRegistry(loader, decoder);
            ModelSource source = model != null ? model : ModelSource.preset(ModelManifest.DEFAULT_ID);
            ModelManifest manifest;
            try {
                // bf16 variants are traced for the CPU; on a GPU, AUTO keeps to fp32
                boolean nativeBf16 = options.device().equals("cpu") && CpuFeatures.detect().nativeBf16();
                Precision chosen = precision.choose(source.precisions(), nativeBf16);
                manifest = source.manifest(chosen);
                LOG.info("model {} ({}) runs at {}{}", manifest.id(), source.name(), chosen.manifestName(),
                        precision == Precision.AUTO ? " (auto: native bf16 " + (nativeBf16 ? "yes" : "no") + ")" : "");
            } catch (IOException e) {
                throw new ModelException(SourceResolver.describe(e), e);
            }
            if (options.sampleRate() != manifest.features().sampleRate()) {
                LOG.warn("sample_rate {} Hz differs from the {} Hz that model {} was trained at; embeddings will differ",
                        options.sampleRate(), manifest.features().sampleRate(), manifest.id());
            }
            return new AudioFingerprinter(options, source, manifest, new SourceResolver(loader, sourceOptions), decoders,
                    warnings);
        }
    }
}
