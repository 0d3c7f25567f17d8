package io.soundmark.index;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * One occurrence of a sound mark in scanned media.
 *
 * @param markId       the mark's source id in the marks index
 * @param startTimeSec where the occurrence starts in the scanned media, seconds
 * @param endTimeSec   where it ends: the start plus the mark's length
 * @param score        cosine similarity of the mark's opening (up to 10 s) and the media there,
 *                     aligned: near 1 for a copy, lower for a re-encoded or altered one; its
 *                     meaning depends on the model (see {@link #margin()})
 * @param margin       how much closer the media is to the mark than to anything else seen: the
 *                     distance {@code 1 − score} of the mark's background (a high quantile of its
 *                     scores against unrelated audio) divided by this occurrence's; model-independent,
 *                     at least the detector's minimum margin
 */
public record Detection(String markId, double startTimeSec, double endTimeSec, double score, double margin) {

    /**
     * One JSON Lines record with exactly the fields of SPEC: {@code mark_id}, {@code start_time_sec},
     * {@code end_time_sec}, {@code score} (times to the millisecond).
     */
    public String toJson() {
        StringWriter out = new StringWriter(120);
        try (JsonWriter w = new JsonWriter(out)) {
            w.beginObject();
            w.name("mark_id").value(markId);
            w.name("start_time_sec").value(Math.round(startTimeSec * 1000) / 1000.0);
            w.name("end_time_sec").value(Math.round(endTimeSec * 1000) / 1000.0);
            w.name("score").value(Math.round(score * 1e6) / 1e6);
            w.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }
}
