package io.soundmark.spark;

import io.soundmark.SegmentEmbedding;
import java.util.List;
import java.util.Objects;

/**
 * The segment records of one source (an input location) read back from a job's output, in time order.
 *
 * @param source   the location as the job was given it
 * @param segments its records, by {@code segment_index}
 */
public record SourceSegments(String source, List<SegmentEmbedding> segments) {

    public SourceSegments {
        Objects.requireNonNull(source, "source");
        segments = List.copyOf(segments);
    }
}
