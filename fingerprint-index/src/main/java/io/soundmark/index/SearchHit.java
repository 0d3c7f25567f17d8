package io.soundmark.index;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * One search result: a window of an indexed source that resembles a window of the query.
 *
 * @param querySegmentIndex the query window it answers ({@code segment_index} of the query record;
 *                          0 for a query by a single vector)
 * @param sourceId          the indexed source
 * @param segmentIndex      the window in that source
 * @param startTimeSec      its start in the source, seconds
 * @param endTimeSec        its end in the source, seconds
 * @param score             cosine similarity of the two vectors, −1 to 1
 */
public record SearchHit(int querySegmentIndex, String sourceId, int segmentIndex, double startTimeSec,
                        double endTimeSec, double score) {

    /** One JSON Lines record with the names of SPEC: {@code query_segment_index}, {@code source_id}, ... */
    public String toJson() {
        StringWriter out = new StringWriter(160);
        try (JsonWriter w = new JsonWriter(out)) {
            w.beginObject();
            w.name("query_segment_index").value(querySegmentIndex);
            w.name("source_id").value(sourceId);
            w.name("segment_index").value(segmentIndex);
            w.name("start_time_sec").value(startTimeSec);
            w.name("end_time_sec").value(endTimeSec);
            w.name("score").value(score);
            w.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }
}
