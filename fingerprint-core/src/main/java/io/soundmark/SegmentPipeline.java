package io.soundmark;

import io.soundmark.internal.dsp.AudioWindow;
import io.soundmark.model.FeatureSettings;
import io.soundmark.internal.dsp.LogMelSpectrogram;
import io.soundmark.internal.dsp.WindowIterator;
import io.soundmark.model.EmbeddingModel.Embedder;
import io.soundmark.model.EmbeddingModel.ModelFailure;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The work for one input, in two stages that overlap: a front-end thread decodes, cuts windows and
 * computes log-mel blocks into a bounded queue (back-pressure: it waits when the queue is full);
 * the calling thread takes blocks in order, runs them through the model in batches and hands out
 * records. Memory is bounded by the queue and one window of samples, whatever the input's length.
 *
 * <p>Windows longer than one model input are split into consecutive chunks of
 * {@link FeatureSettings#maxSamples()} (the last one repeat-padded); their raw vectors are averaged,
 * weighted by chunk length. Blocks are batched in order regardless of which window they belong to,
 * so the vectors do not depend on the batch size or on the timing of the two threads.
 */
final class SegmentPipeline implements Iterator<SegmentEmbedding>, AutoCloseable {

    private final String inputName;
    private final AudioSourceType sourceType;
    private final PipelineContext context;
    private final FingerprintOptions options;
    private final FeatureSettings features;
    /** {@code max_audio_length_sec}, or infinity for a whole stream (no total duration then). */
    private final double maxLengthSec;
    private final DecodedAudio audio;
    private final Runnable onClose;
    private final BlockingQueue<Block> queue;
    private final BlockingQueue<float[]> spareBlocks;
    private final Future<?> frontEnd;
    /**
     * The front end and the caller both hold the input; the last to let go closes it, so that a
     * decoder is never closed under a read (a stream that ignores interrupts cannot block close()).
     */
    private final AtomicInteger inputHolders = new AtomicInteger(2);
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Claimed by the front end when it starts, or by close() when it never did. */
    private final AtomicBoolean frontEndClaimed = new AtomicBoolean();
    /** Set before the front end is interrupted, in case a decoder swallows the interrupt. */
    private volatile boolean stopping;
    /** Guards the embedder: inference and cancellation from another thread never overlap. */
    private final Object modelLock = new Object();
    private volatile CancelledException cancelled;

    private final Deque<PendingWindow> pending = new ArrayDeque<>();
    private final Deque<PendingWindow> ready = new ArrayDeque<>();
    private final Block[] taken;
    private Embedder embedder;
    private float[] batch = new float[0];
    /** The counted duration of a source that states none, set by the front end before its end marker. */
    private volatile Double countedDurationSec;
    private final Double statedDurationSec;
    private final boolean holdUntilEnd;
    private boolean ended;

    /**
     * Starts the front end at once.
     *
     * @param maxLengthSec {@code max_audio_length_sec}, or infinity for the whole input
     * @param onClose      run once when the pipeline is closed
     */
    SegmentPipeline(DecodedAudio audio, AudioSourceType sourceType, double maxLengthSec, PipelineContext context,
                    Runnable onClose) {
        this.inputName = audio.inputName();
        this.sourceType = sourceType;
        this.context = context;
        this.options = context.options();
        this.features = context.features();
        this.maxLengthSec = maxLengthSec;
        this.audio = audio;
        this.onClose = onClose;
        boolean unbounded = Double.isInfinite(maxLengthSec);
        this.statedDurationSec = unbounded ? null : audio.statedDurationSec();
        this.holdUntilEnd = statedDurationSec == null && !unbounded;
        this.queue = new ArrayBlockingQueue<>(2 * options.batchSize() + 2);
        this.spareBlocks = new ArrayBlockingQueue<>(3 * options.batchSize() + 6);
        this.taken = new Block[options.batchSize()];
        this.frontEnd = context.frontEnds().submit(this::produce);
    }

    /** Front-end thread: windows → blocks, then warnings and an end marker (or the failure) in the queue. */
    private void produce() {
        if (!frontEndClaimed.compareAndSet(false, true)) {
            return; // closed before it started: close() let go of the input for it
        }
        try {
            WindowIterator windows = new WindowIterator(audio.samples(), options.segmentDurationSec(), options.segmentHopSec(),
                    maxLengthSec, audio::decodedSourceSec);
            LogMelSpectrogram logMel = new LogMelSpectrogram(features);
            int max = features.maxSamples();
            boolean any = false;
            for (AudioWindow w; ; ) {
                long start = System.nanoTime();
                w = windows.next();
                if (w == null) {
                    break;
                }
                any = true;
                int chunks = (w.length() + max - 1) / max;
                PendingWindow owner = new PendingWindow(w, chunks, totalSoFar());
                Block[] blocks = new Block[chunks];
                for (int c = 0, offset = 0; c < chunks; c++, offset += max) {
                    int length = Math.min(max, w.length() - offset);
                    float[] block = spareBlocks.poll();
                    if (block == null) {
                        block = new float[features.blockSize()];
                    }
                    logMel.compute(w.buffer(), w.offset() + offset, length, w.startSample() + offset, block, 0);
                    blocks[c] = new Block(owner, block, (double) length / w.length());
                }
                logMel.forgetBefore(w.startSample()); // later windows start later still
                owner.featureMs = (System.nanoTime() - start) / 1e6;
                for (Block b : blocks) {
                    deliver(b);
                }
            }
            if (holdUntilEnd) {
                countedDurationSec = audio.totalDurationSec();
            }
            String earlyStop = audio.earlyStop();
            if (!any && audio.promisedAudio()) {
                throw new MediaException(inputName, "the header promises audio that is not there"
                        + (earlyStop == null ? "" : " (" + earlyStop + ")"));
            }
            if (earlyStop != null) {
                if (options.strict()) {
                    throw new MediaException(inputName, earlyStop + " (strict mode)");
                }
                deliver(Block.warning(new FingerprintWarning(inputName, earlyStop)));
            }
            if (!any) {
                deliver(Block.warning(new FingerprintWarning(inputName, "the input holds no audio samples")));
            }
            deliver(Block.END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closed or cancelled: nobody is waiting for the rest
        } catch (IOException e) { // DecodedAudio reports its own failures; this is for the signature
            fail(new MediaException(inputName, SourceResolver.describe(e), e));
        } catch (RuntimeException | Error e) {
            fail(e);
        } finally {
            releaseInput();
        }
    }

    /**
     * {@code total_duration_sec} for a window made now: the decoded duration once the source has
     * ended (it wins over the stated one), else the stated one, else (held records) filled in at
     * the end. Decided on the front-end thread from how far it has read, so it never depends on
     * timing.
     */
    private Double totalSoFar() {
        if (Double.isInfinite(maxLengthSec) || holdUntilEnd) {
            return null;
        }
        return audio.sourceEnded() ? Double.valueOf(audio.decodedSourceSec()) : statedDurationSec;
    }

    /** Queues a block, waiting while the queue is full, unless the pipeline is stopping. */
    private void deliver(Block b) throws InterruptedException {
        while (!queue.offer(b, 100, TimeUnit.MILLISECONDS)) {
            if (stopping) {
                throw new InterruptedException("stopping");
            }
        }
    }

    private void fail(Throwable e) {
        try {
            deliver(Block.failure(e));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean hasNext() {
        if (cancelled != null) {
            ended = true;
            throw cancelled;
        }
        // without a stated duration, records wait for the front end to count the whole source
        while (!ended && (ready.isEmpty() || holdUntilEnd)) {
            runBatch();
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

    /**
     * Takes a full batch of blocks (fewer only at the end), waiting for the front end as needed, and
     * runs it through the model. Batches never depend on the threads' timing.
     */
    private void runBatch() {
        int count = 0;
        while (count < taken.length) {
            Block b = take();
            if (b == Block.END) {
                ended = true;
                break;
            }
            taken[count++] = b;
            if (b.owner != pending.peekLast()) {
                pending.add(b.owner);
            }
        }
        if (count > 0) {
            infer(count);
        }
    }

    /** The next block in order; warnings on the way are handed to the caller's listener. */
    private Block take() {
        Block b;
        do {
            try {
                b = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ended = true;
                throw new CancelledException(inputName, "the calling thread was interrupted");
            }
            if (cancelled != null) {
                ended = true;
                throw cancelled;
            }
            if (b.warning != null) {
                context.warnings().accept(b.warning);
            }
        } while (b.warning != null);
        if (b.failure != null) {
            ended = true;
            if (b.failure instanceof RuntimeException r) {
                throw r;
            }
            throw (Error) b.failure;
        }
        return b;
    }

    private void infer(int count) {
        int size = features.blockSize();
        if (batch.length < count * size) {
            batch = new float[options.batchSize() * size];
        }
        for (int i = 0; i < count; i++) {
            System.arraycopy(taken[i].features, 0, batch, i * size, size);
            spareBlocks.offer(taken[i].features); // back to the front end: no garbage per window
        }
        float[][] vectors;
        long start;
        synchronized (modelLock) {
            if (cancelled != null) {
                ended = true;
                throw cancelled;
            }
            try {
                if (embedder == null) {
                    embedder = newEmbedder();
                }
                start = System.nanoTime();
                vectors = embedder.embed(batch, count);
            } catch (ModelFailure e) {
                throw new ModelException(inputName + ": " + e.getMessage(), e);
            }
        }
        double shareMs = (System.nanoTime() - start) / 1e6 / count;
        for (int i = 0; i < count; i++) {
            taken[i].owner.add(vectors[i], taken[i].weight, shareMs);
            taken[i] = null;
        }
        while (!pending.isEmpty() && pending.peek().complete()) {
            ready.add(pending.poll());
        }
    }

    private Embedder newEmbedder() {
        try {
            return context.embedders().get();
        } catch (IllegalStateException closedMeanwhile) { // closed before it could cancel this call
            ended = true;
            throw new CancelledException(inputName, "the fingerprinter was closed");
        }
    }

    /**
     * Stops this call from another thread: the caller's next step fails with a
     * {@link CancelledException}. Returns once no batch of this call is in inference and its
     * predictor is freed, so the model may be closed next.
     */
    void cancel(String why) {
        cancelled = new CancelledException(inputName, why);
        stopping = true;
        frontEnd.cancel(true);
        queue.clear();
        queue.offer(Block.failure(cancelled)); // wakes a caller waiting for the front end
        closeEmbedder();
    }

    /** Stops the front end and frees the predictor and (once the front end has let go) the input. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        stopping = true;
        frontEnd.cancel(true);
        try {
            closeEmbedder();
        } finally {
            if (frontEndClaimed.compareAndSet(false, true)) {
                releaseInput(); // the front end never started
            }
            releaseInput();
            onClose.run();
        }
    }

    private void releaseInput() {
        if (inputHolders.decrementAndGet() == 0) {
            audio.close();
        }
    }

    private void closeEmbedder() {
        synchronized (modelLock) {
            if (embedder != null) {
                embedder.close();
                embedder = null;
            }
        }
    }

    /**
     * One model input: a chunk of a window, weighted by its share of the window's samples; or a
     * marker: the end, a failure, or a warning for the caller's thread.
     */
    private record Block(PendingWindow owner, float[] features, double weight, Throwable failure,
                         FingerprintWarning warning) {
        static final Block END = new Block(null, null, 0, null, null);

        Block(PendingWindow owner, float[] features, double weight) {
            this(owner, features, weight, null, null);
        }

        static Block failure(Throwable e) {
            return new Block(null, null, 0, e, null);
        }

        static Block warning(FingerprintWarning w) {
            return new Block(null, null, 0, null, w);
        }
    }

    /** A window whose chunks are being embedded. */
    private final class PendingWindow {
        private final int index;
        private final double startSec;
        private final double endSec;
        private final int chunks;
        private final Double totalSec;
        private double[] sum;
        private int done;
        private double featureMs;
        private double inferenceMs;

        PendingWindow(AudioWindow w, int chunks, Double totalSec) {
            this.index = w.index();
            this.startSec = w.startSec();
            this.endSec = w.endSec();
            this.chunks = chunks;
            this.totalSec = totalSec;
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
                    throw new ModelException(inputName + ": model " + context.modelId()
                            + " returned non-finite values for window " + index, null);
                }
                norm += sum[i] * sum[i];
            }
            double scale = options.normalizeEmbeddings() && norm > 0 ? 1 / Math.sqrt(norm) : 1;
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (sum[i] * scale);
            }
            return new SegmentEmbedding(v, index, startSec, endSec, endSec - startSec,
                    holdUntilEnd ? countedDurationSec : totalSec,
                    options.sampleRate(), sourceType, context.modelId(), featureMs + inferenceMs);
        }
    }
}
