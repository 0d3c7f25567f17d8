package io.soundmark.index;

import io.soundmark.AudioFingerprinter;
import io.soundmark.FingerprintInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Finds registered sound marks (jingles, sound logos, ads: 1 to 30 s each) in media of any length
 * and in live streams, and reports each occurrence with its start, end and score.
 *
 * <pre>{@code
 * try (SegmentIndex marks = SegmentIndex.open(Path.of("marks"));          // one source per mark
 *      AudioFingerprinter fingerprinter = AudioFingerprinter.builder().model(model)
 *              .segmentDurationSec(10).build()) {
 *     SoundmarkDetector detector = SoundmarkDetector.builder().marks(marks).fingerprinter(fingerprinter).build();
 *     detector.detect(FingerprintInput.audio("broadcast.mp3"), d -> System.out.println(d.toJson()));
 * }
 * }</pre>
 *
 * <p>How it works: the scan cuts windows of half the shortest mark's length (see {@link WindowPlan})
 * and compares each with every mark's probes; hypotheses whose windows agree all along a mark
 * become candidates when they stand out from that mark's own background (its scores against the
 * program so far and against the other marks); each candidate is then checked with windows cut
 * exactly in place, which fixes its start and gives its score. Windows are levelled before the
 * model sees them, so loudness changes do not matter.
 *
 * <p>Scores and thresholds: a {@link Detection}'s score is a cosine, whose scale depends on the
 * model (random weights put all audio in a narrow cone, above 0.9; trained CLAP spreads it out),
 * so the test that matters is relative: the occurrence must be {@link Builder#minMargin} times closer
 * to the mark than the closest background (default 2). {@link Builder#minScore} is an absolute floor
 * on top of it (default 0.5), useful with trained models: calibrate it by scanning media known to
 * be free of the marks and media known to hold them, and set it between the highest score of the
 * first and the lowest of the second.
 *
 * <p>The first build for a marks index cuts each mark's probes (about {@code 4 × length / window}
 * model calls per mark) from the mark's audio, read again from where it was added, and stores them
 * in the index (when it is writable), so later builds start at once. A detector is immutable and
 * may scan several inputs at once from several threads; it does not own the index or the
 * fingerprinter, which must stay open while it is used.
 */
public final class SoundmarkDetector {

    private final AudioFingerprinter fingerprinter;
    private final WindowPlan plan;
    private final List<MarkWindows> marks;
    private final double minScore;
    private final double minMargin;
    private final double candidateRatio;
    private final int reconnectAttempts;
    private final long reconnectDelayMillis;
    private final long preparationCalls;

    private SoundmarkDetector(Builder b, WindowPlan plan, List<MarkWindows> marks, long preparationCalls) {
        this.fingerprinter = b.fingerprinter;
        this.plan = plan;
        this.marks = List.copyOf(marks);
        this.minScore = b.minScore;
        this.minMargin = b.minMargin;
        this.candidateRatio = b.candidateRatio;
        this.reconnectAttempts = b.reconnectAttempts;
        this.reconnectDelayMillis = b.reconnectDelayMillis;
        this.preparationCalls = preparationCalls;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Scans an input to its end (a file of any length, or a live stream for as long as it runs),
     * handing each occurrence to {@code listener} once it is confirmed, in time order. Memory stays
     * flat. An input that breaks off is reported to the listener and, when it is an http(s) stream
     * and the builder asked for reconnects, opened again.
     *
     * @throws io.soundmark.MediaException when the input cannot be opened, or breaks off for good
     *                                     (after the occurrences found before have been reported)
     * @throws io.soundmark.ModelException when the model fails
     */
    public DetectionSummary detect(FingerprintInput input, DetectionListener listener) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(listener, "listener");
        return new DetectionRun(this, fingerprinter, listener).run(input);
    }

    /** The windows this detector cuts. */
    public WindowPlan plan() {
        return plan;
    }

    /** The marks it looks for, by id. */
    public List<String> markIds() {
        return marks.stream().map(MarkWindows::markId).toList();
    }

    /** Model calls the build made to prepare marks (0 when the index had them stored). */
    public long preparationCalls() {
        return preparationCalls;
    }

    AudioFingerprinter fingerprinter() {
        return fingerprinter;
    }

    List<MarkWindows> markWindows() {
        return marks;
    }

    double minScore() {
        return minScore;
    }

    double minMargin() {
        return minMargin;
    }

    double candidateRatio() {
        return candidateRatio;
    }

    int reconnectAttempts() {
        return reconnectAttempts;
    }

    long reconnectDelayMillis() {
        return reconnectDelayMillis;
    }

    /** Whether opening the input again continues it: a network stream, not a file or a consumed stream. */
    static boolean reconnectable(FingerprintInput input) {
        String name = input.name().toLowerCase(java.util.Locale.ROOT);
        return name.startsWith("http://") || name.startsWith("https://");
    }

    /** Settings of a {@link SoundmarkDetector}; {@link #build()} prepares the marks. */
    public static final class Builder {
        private SegmentIndex marksIndex;
        private AudioFingerprinter fingerprinter;
        private double minScore = 0.5;
        private double minMargin = 2.0;
        private double candidateRatio = 1.5;
        private int reconnectAttempts;
        private long reconnectDelayMillis = 2000;

        private Builder() {
        }

        /** The marks: an index with one source per mark, each added from its own clip. */
        public Builder marks(SegmentIndex index) {
            this.marksIndex = Objects.requireNonNull(index, "index");
            return this;
        }

        /**
         * The fingerprinter whose model compares the marks with the media (the marks index's model)
         * and which reads the media. Its segment duration caps the windows the detector cuts (use 10 s
         * so that marks are checked over up to their first 10 s); its hop is not used.
         */
        public Builder fingerprinter(AudioFingerprinter fingerprinter) {
            this.fingerprinter = Objects.requireNonNull(fingerprinter, "fingerprinter");
            return this;
        }

        /** Absolute floor on a detection's score (cosine), −1 to 1 (default 0.5). */
        public Builder minScore(double score) {
            if (!(score >= -1 && score <= 1)) {
                throw new IllegalArgumentException("min score = " + score + " is out of range: allowed -1 to 1");
            }
            this.minScore = score;
            return this;
        }

        /**
         * How many times closer to the mark than to its background an occurrence must be, 1 to 100
         * (default 2): {@code (1 − background) / (1 − score)}, where the background is the closest of
         * the program just before and after the occurrence and of the other marks.
         */
        public Builder minMargin(double margin) {
            if (!(margin >= 1 && margin <= 100)) {
                throw new IllegalArgumentException("min margin = " + margin + " is out of range: allowed 1 to 100");
            }
            this.minMargin = margin;
            return this;
        }

        /**
         * How far above a mark's background (same ratio of distances, against the 99th percentile of
         * the mark's scores) the coarse evidence must be for a candidate to be checked, 1 to 100
         * (default 1.5). Lower finds more at the cost of more checks (model calls).
         */
        public Builder candidateRatio(double ratio) {
            if (!(ratio >= 1 && ratio <= 100)) {
                throw new IllegalArgumentException("candidate ratio = " + ratio + " is out of range: allowed 1 to 100");
            }
            this.candidateRatio = ratio;
            return this;
        }

        /** For http(s) live streams: how often to open the stream again after it breaks off, waiting {@code delayMillis} first. */
        public Builder reconnect(int attempts, long delayMillis) {
            if (attempts < 0 || delayMillis < 0) {
                throw new IllegalArgumentException("reconnect attempts and delay must not be negative");
            }
            this.reconnectAttempts = attempts;
            this.reconnectDelayMillis = delayMillis;
            return this;
        }

        /**
         * Reads the marks, chooses the windows and prepares every mark (from the index, or from the
         * marks' audio the first time).
         *
         * @throws IllegalArgumentException when the marks or the fingerprinter are missing, the index
         *                                  holds no marks, or a mark is shorter than 1 s
         * @throws IndexException when the index holds another model's vectors than the fingerprinter's
         * @throws io.soundmark.SoundmarkException when a mark's audio cannot be read again
         */
        public SoundmarkDetector build() {
            if (marksIndex == null || fingerprinter == null) {
                throw new IllegalArgumentException("a detector needs marks(index) and fingerprinter(fingerprinter)");
            }
            IndexInfo info = marksIndex.info();
            String model = fingerprinter.modelManifest().id();
            if (info.modelId() != null && !info.modelId().equals(model)) {
                throw new IndexException(marksIndex.directory(), "holds marks fingerprinted with model " + info.modelId()
                        + "; the fingerprinter runs model " + model + ", whose vectors do not compare");
            }
            List<IndexedSource> sources = new ArrayList<>(marksIndex.sources());
            if (sources.isEmpty()) {
                throw new IllegalArgumentException("the marks index " + marksIndex.directory() + " holds no marks");
            }
            List<Double> lengths = MarkLoader.lengths(marksIndex, sources);
            WindowPlan plan = WindowPlan.forMarks(lengths, fingerprinter.options().segmentDurationSec());
            WindowEmbedder embedder = new WindowEmbedder(fingerprinter);
            List<MarkWindows> marks = MarkLoader.load(marksIndex, sources, lengths, plan, fingerprinter, embedder);
            return new SoundmarkDetector(this, plan, marks, embedder.calls());
        }
    }
}
