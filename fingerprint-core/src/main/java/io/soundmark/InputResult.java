package io.soundmark;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of one input of {@link ParallelFingerprinter}: its records, or the
 * failure that stopped it.
 *
 * @param input     the input
 * @param segments  its records in time order (empty when it failed)
 * @param failure   why it failed, or null
 * @param elapsedMs wall time spent on it
 */
public record InputResult(FingerprintInput input, List<SegmentEmbedding> segments, SoundmarkException failure,
                          double elapsedMs) {

    public InputResult {
        Objects.requireNonNull(input, "input");
        segments = List.copyOf(segments);
    }

    /** Whether the input was fingerprinted. */
    public boolean succeeded() {
        return failure == null;
    }
}
