package io.soundmark;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Fingerprints many inputs concurrently with one shared {@link AudioFingerprinter}:
 * {@code parallelism} inputs are in flight at a time, each with its own front end and predictor.
 * Each input's {@link InputResult} (its records, or the failure that stopped it) is handed over as
 * soon as it is done; a failing input does not stop the others.
 *
 * <pre>{@code
 * ParallelFingerprinter parallel = new ParallelFingerprinter(fingerprinter, 2);
 * parallel.run(inputs, result -> {
 *     if (result.succeeded()) index.add(result.input().name(), result.segments());
 * });
 * }</pre>
 *
 * <p>{@link #cancel()} (from any thread) or interrupting the thread in {@link #run} stops the
 * inputs in flight and skips the rest. Not reusable while a run is in progress.
 */
public final class ParallelFingerprinter {

    private static final AtomicInteger WORKER_THREADS = new AtomicInteger();

    private final AudioFingerprinter fingerprinter;
    private final int parallelism;
    private final List<Future<?>> running = new CopyOnWriteArrayList<>();
    private volatile boolean cancelled;

    /**
     * @param parallelism inputs processed at once, 1 to 64; 2 keeps two cores busy on typical machines
     * @throws IllegalArgumentException when {@code parallelism} is out of range
     */
    public ParallelFingerprinter(AudioFingerprinter fingerprinter, int parallelism) {
        this.fingerprinter = Objects.requireNonNull(fingerprinter, "fingerprinter");
        if (parallelism < 1 || parallelism > 64) {
            throw new IllegalArgumentException("parallelism = " + parallelism + " is out of range: allowed 1 to 64");
        }
        this.parallelism = parallelism;
    }

    /**
     * Fingerprints every input, handing each result to {@code results} from a worker thread, one
     * call at a time. Returns when all are done.
     *
     * @throws CancelledException when cancelled or interrupted; results already handed over stand
     * @throws RuntimeException   thrown by {@code results} itself (the other inputs are then stopped)
     */
    public void run(List<FingerprintInput> inputs, Consumer<InputResult> results) {
        cancelled = false;
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, Math.max(1, inputs.size())), r -> {
            Thread t = new Thread(r, "soundmark-worker-" + WORKER_THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        running.clear();
        Object delivery = new Object();
        AtomicInteger done = new AtomicInteger();
        try {
            for (FingerprintInput input : inputs) {
                if (cancelled) {
                    break;
                }
                running.add(pool.submit(() -> {
                    InputResult result = fingerprintOne(input);
                    if (result == null) {
                        return; // cancelled: not a result of the input
                    }
                    synchronized (delivery) {
                        results.accept(result);
                    }
                    done.incrementAndGet();
                }));
            }
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r; // from the consumer, or a bug: not an input's failure
                    }
                    throw new SoundmarkException("fingerprinting failed: " + e.getCause(), e.getCause());
                } catch (java.util.concurrent.CancellationException e) {
                    // skipped after cancel()
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    cancel();
                    break;
                }
            }
            if (cancelled) {
                throw new CancelledException(inputs.size() + " inputs", done.get() + " done when cancelled");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private InputResult fingerprintOne(FingerprintInput input) {
        long start = System.nanoTime();
        try {
            return new InputResult(input, fingerprinter.fingerprint(input), null, (System.nanoTime() - start) / 1e6);
        } catch (CancelledException e) {
            if (cancelled) {
                return null;
            }
            return new InputResult(input, List.of(), e, (System.nanoTime() - start) / 1e6);
        } catch (SoundmarkException e) {
            return new InputResult(input, List.of(), e, (System.nanoTime() - start) / 1e6);
        }
    }

    /** Stops the inputs in flight (each fails fast, freeing its predictor) and skips those not started. */
    public void cancel() {
        cancelled = true;
        for (Future<?> f : running) {
            f.cancel(true); // interrupts a running input; one not started never starts
        }
    }
}
