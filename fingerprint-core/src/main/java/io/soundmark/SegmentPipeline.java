package io.soundmark;

import io.soundmark.dsp.AudioWindow;
import io.soundmark.dsp.FeatureSettings;
import io.soundmark.dsp.LogMelSpectrogram;
import io.soundmark.dsp.WindowIterator;
import io.soundmark.model.EmbeddingModel.Embedder;
import io.soundmark.model.EmbeddingModel.ModelFailure;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

/**
 * The work for one input: windows → log-mel blocks → batches through the model → records, pulled
 * one record at a time. Holds one batch of feature blocks and one window of samples at most.
 *
 * <p>Windows longer than one model input are split into consecutive chunks of
 * {@link FeatureSettings#maxSamples()} (the last one repeat-padded); their raw vectors are averaged,
 * weighted by chunk length. Blocks are batched in order regardless of which window they belong to,
 * so the vectors do not depend on the batch size.
 */
final class SegmentPipeline implements Iterator<SegmentEmbedding>, AutoCloseable {

    private final String inputName;
    private final AudioSourceType sourceType;
    private final FingerprintOptions options;
    private final String modelId;
    private final FeatureSettings features;
    private final DecodedAudio audio;
    private final WindowIterator windows;
    private final LogMelSpectrogram logMel;
    private final Supplier<Embedder> embedderFactory;

    private final Deque<Block> blocks = new ArrayDeque<>();
    private final Deque<PendingWindow> pending = new ArrayDeque<>();
    private final Deque<PendingWindow> ready = new ArrayDeque<>();
    private Embedder embedder;
    private float[] batch = new float[0];
    private Double totalDurationSec;
    private boolean windowsDone;

    SegmentPipeline(DecodedAudio audio, AudioSourceType sourceType, FingerprintOptions options,
                    String modelId, FeatureSettings features, Supplier<Embedder> embedderFactory) {
        this.inputName = audio.inputName();
        this.sourceType = sourceType;
        this.options = options;
        this.modelId = modelId;
        this.features = features;
        this.audio = audio;
        this.windows = new WindowIterator(audio, options.segmentDurationSec(), options.segmentHopSec(),
                options.maxAudioLengthSec(), audio::decodedSourceSec);
        this.logMel = new LogMelSpectrogram(features);
        this.embedderFactory = embedderFactory;
        this.totalDurationSec = audio.statedDurationSec();
    }

    @Override
    public boolean hasNext() {
        while (ready.isEmpty() || totalDurationSec == null) {
            if (!runBatch()) {
                break;
            }
        }
        return !ready.isEmpty();
    }

    @Override
    public SegmentEmbedding next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll().toRecord();
    }

    /** Fills and runs one batch; false when there was nothing left to run. */
    private boolean runBatch() {
        while (blocks.size() < options.batchSize() && !windowsDone) {
            addNextWindow();
        }
        if (blocks.isEmpty()) {
            return false;
        }
        int count = Math.min(options.batchSize(), blocks.size());
        int size = features.blockSize();
        if (batch.length < count * size) {
            batch = new float[options.batchSize() * size];
        }
        int i = 0;
        for (Block b : blocks) {
            if (i == count) {
                break;
            }
            System.arraycopy(b.features, 0, batch, i++ * size, size);
        }
        float[][] vectors;
        long start;
        try {
            if (embedder == null) {
                embedder = embedderFactory.get();
            }
            start = System.nanoTime();
            vectors = embedder.embed(batch, count);
        } catch (ModelFailure e) {
            throw new ModelException(inputName + ": " + e.getMessage(), e);
        }
        double shareMs = (System.nanoTime() - start) / 1e6 / count;
        for (float[] vector : vectors) {
            Block b = blocks.poll();
            b.owner.add(vector, b.weight, shareMs);
        }
        while (!pending.isEmpty() && pending.peek().complete()) {
            ready.add(pending.poll());
        }
        return true;
    }

    private void addNextWindow() {
        long start = System.nanoTime();
        AudioWindow w;
        try {
            w = windows.next();
        } catch (IOException e) { // DecodedAudio reports its own failures; this is for the signature
            throw new MediaException(inputName, SourceResolver.describe(e), e);
        }
        if (w == null) {
            windowsDone = true;
            if (totalDurationSec == null) {
                totalDurationSec = audio.totalDurationSec();
            }
            return;
        }
        float[] samples = w.samples();
        int max = features.maxSamples();
        int chunks = (samples.length + max - 1) / max;
        PendingWindow owner = new PendingWindow(w, chunks);
        for (int offset = 0; offset < samples.length; offset += max) {
            int length = Math.min(max, samples.length - offset);
            blocks.add(new Block(owner, logMel.compute(samples, offset, length), (double) length / samples.length));
        }
        owner.featureMs = (System.nanoTime() - start) / 1e6;
        pending.add(owner);
    }

    @Override
    public void close() {
        try (audio) {
            if (embedder != null) {
                embedder.close();
            }
        }
    }

    /** One model input: a chunk of a window, weighted by its share of the window's samples. */
    private record Block(PendingWindow owner, float[] features, double weight) {
    }

    /** A window whose chunks are being embedded. */
    private final class PendingWindow {
        private final int index;
        private final double startSec;
        private final double endSec;
        private final int chunks;
        private double[] sum;
        private int done;
        private double featureMs;
        private double inferenceMs;

        PendingWindow(AudioWindow w, int chunks) {
            this.index = w.index();
            this.startSec = w.startSec();
            this.endSec = w.endSec();
            this.chunks = chunks;
        }

        void add(float[] vector, double weight, double ms) {
            if (sum == null) {
                sum = new double[vector.length];
            }
            for (int i = 0; i < vector.length; i++) {
                sum[i] += weight * vector[i];
            }
            done++;
            inferenceMs += ms;
        }

        boolean complete() {
            return done == chunks;
        }

        SegmentEmbedding toRecord() {
            float[] v = new float[sum.length];
            double norm = 0;
            for (int i = 0; i < v.length; i++) {
                if (!Double.isFinite(sum[i])) {
                    throw new ModelException(inputName + ": model " + modelId
                            + " returned non-finite values for window " + index, null);
                }
                norm += sum[i] * sum[i];
            }
            double scale = options.normalizeEmbeddings() && norm > 0 ? 1 / Math.sqrt(norm) : 1;
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (sum[i] * scale);
            }
            return new SegmentEmbedding(v, index, startSec, endSec, endSec - startSec, totalDurationSec,
                    options.sampleRate(), sourceType, modelId, featureMs + inferenceMs);
        }
    }
}
