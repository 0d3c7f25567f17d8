package io.soundmark.index;

import io.soundmark.SegmentEmbedding;
import java.util.List;
import java.util.Objects;

/**
 * One source's records, to add to an index under its id.
 *
 * @param sourceId   the id the source is known by; adding an id again replaces that source
 * @param location   where the audio was read from (kept so that it can be read again), or
 *                   {@code null} for a stream
 * @param parameters the window layout the records were made with
 * @param segments   the records, in time order, all of one model
 */
public record SourceSegments(String sourceId, String location, SegmentParameters parameters,
                             List<SegmentEmbedding> segments) {

    /** @throws IllegalArgumentException when the id is blank */
    public SourceSegments {
        Objects.requireNonNull(sourceId, "sourceId");
        if (sourceId.isBlank()) {
            throw new IllegalArgumentException("source id is blank");
        }
        Objects.requireNonNull(parameters, "parameters");
        segments = List.copyOf(segments);
    }
}
