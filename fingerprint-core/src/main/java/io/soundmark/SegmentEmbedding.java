package io.soundmark;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * The fingerprint of one time window: a CLAP embedding with its timing. Immutable.
 *
 * <p>{@link #toJson()} writes the JSON object of SPEC, with exactly these names:
 * {@code audio_fingerprint_extractor_v1_embedding}, {@code segment_index}, {@code start_time_sec},
 * {@code end_time_sec}, {@code duration_sec}, {@code total_duration_sec}, {@code sample_rate},
 * {@code audio_source_type}, {@code embedding_model}, {@code processing_time_ms}.
 *
 * <pre>{@code
 * String line = segment.toJson();                       // one JSON Lines record
 * SegmentEmbedding back = SegmentEmbedding.fromJson(line);
 * double similarity = segment.cosineSimilarity(other);
 * }</pre>
 *
 * @param embedding         the vector (unit length when normalised)
 * @param segmentIndex      0-based index in time order
 * @param startTimeSec      window start, seconds
 * @param endTimeSec        window end, seconds
 * @param durationSec       {@code endTimeSec - startTimeSec}
 * @param totalDurationSec  duration of the whole source before truncation, or {@code null} when unknown
 * @param sampleRate        processing rate in Hz
 * @param audioSourceType   whether the input was audio or a video
 * @param embeddingModel    id of the model
 * @param processingTimeMs  time spent on this window: its features plus its share of its batch's inference
 */
public record SegmentEmbedding(
        float[] embedding,
        int segmentIndex,
        double startTimeSec,
        double endTimeSec,
        double durationSec,
        Double totalDurationSec,
        int sampleRate,
        AudioSourceType audioSourceType,
        String embeddingModel,
        double processingTimeMs) {

    public static final String EMBEDDING = "audio_fingerprint_extractor_v1_embedding";
    public static final String SEGMENT_INDEX = "segment_index";
    public static final String START_TIME_SEC = "start_time_sec";
    public static final String END_TIME_SEC = "end_time_sec";
    public static final String DURATION_SEC = "duration_sec";
    public static final String TOTAL_DURATION_SEC = "total_duration_sec";
    public static final String SAMPLE_RATE = "sample_rate";
    public static final String AUDIO_SOURCE_TYPE = "audio_source_type";
    public static final String EMBEDDING_MODEL = "embedding_model";
    public static final String PROCESSING_TIME_MS = "processing_time_ms";

    public SegmentEmbedding {
        embedding = Objects.requireNonNull(embedding, "embedding").clone();
        Objects.requireNonNull(audioSourceType, "audioSourceType");
        Objects.requireNonNull(embeddingModel, "embeddingModel");
    }

    /** A copy of the vector. */
    @Override
    public float[] embedding() {
        return embedding.clone();
    }

    /** Cosine similarity of the two vectors (their dot product when both are normalised). */
    public double cosineSimilarity(SegmentEmbedding other) {
        float[] b = other.embedding;
        if (b.length != embedding.length) {
            throw new IllegalArgumentException("vectors differ in size: " + embedding.length + " vs " + b.length);
        }
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < b.length; i++) {
            dot += (double) embedding[i] * b[i];
            na += (double) embedding[i] * embedding[i];
            nb += (double) b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

    /** This record as one line of JSON with SPEC's field names. */
    public String toJson() {
        StringWriter out = new StringWriter(512 * 12);
        try (JsonWriter w = new JsonWriter(out)) {
            w.beginObject();
            w.name(EMBEDDING).beginArray();
            for (float v : embedding) {
                w.value(Float.valueOf(v)); // shortest text that reads back as the same float
            }
            w.endArray();
            w.name(SEGMENT_INDEX).value(segmentIndex);
            w.name(START_TIME_SEC).value(startTimeSec);
            w.name(END_TIME_SEC).value(endTimeSec);
            w.name(DURATION_SEC).value(durationSec);
            w.name(TOTAL_DURATION_SEC);
            if (totalDurationSec == null) {
                w.nullValue();
            } else {
                w.value(totalDurationSec.doubleValue());
            }
            w.name(SAMPLE_RATE).value(sampleRate);
            w.name(AUDIO_SOURCE_TYPE).value(audioSourceType.jsonName());
            w.name(EMBEDDING_MODEL).value(embeddingModel);
            w.name(PROCESSING_TIME_MS).value(processingTimeMs);
            w.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /**
     * Reads a record written by {@link #toJson()}.
     *
     * @throws IllegalArgumentException if the text is not such a record
     */
    public static SegmentEmbedding fromJson(String json) {
        try {
            JsonObject o = JsonParser.parseString(json).getAsJsonObject();
            JsonArray a = required(o, EMBEDDING).getAsJsonArray();
            float[] v = new float[a.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = a.get(i).getAsFloat();
            }
            JsonElement total = required(o, TOTAL_DURATION_SEC);
            return new SegmentEmbedding(v,
                    required(o, SEGMENT_INDEX).getAsInt(),
                    required(o, START_TIME_SEC).getAsDouble(),
                    required(o, END_TIME_SEC).getAsDouble(),
                    required(o, DURATION_SEC).getAsDouble(),
                    total.isJsonNull() ? null : total.getAsDouble(),
                    required(o, SAMPLE_RATE).getAsInt(),
                    AudioSourceType.fromJsonName(required(o, AUDIO_SOURCE_TYPE).getAsString()),
                    required(o, EMBEDDING_MODEL).getAsString(),
                    required(o, PROCESSING_TIME_MS).getAsDouble());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a Soundmark segment record: " + e.getMessage(), e);
        }
    }

    private static JsonElement required(JsonObject o, String name) {
        JsonElement e = o.get(name);
        if (e == null) {
            throw new IllegalArgumentException("missing field " + name);
        }
        return e;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SegmentEmbedding s
                && Arrays.equals(embedding, s.embedding)
                && segmentIndex == s.segmentIndex
                && Double.compare(startTimeSec, s.startTimeSec) == 0
                && Double.compare(endTimeSec, s.endTimeSec) == 0
                && Double.compare(durationSec, s.durationSec) == 0
                && Objects.equals(totalDurationSec, s.totalDurationSec)
                && sampleRate == s.sampleRate
                && audioSourceType == s.audioSourceType
                && embeddingModel.equals(s.embeddingModel)
                && Double.compare(processingTimeMs, s.processingTimeMs) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(embedding), segmentIndex, startTimeSec, endTimeSec, durationSec,
                totalDurationSec, sampleRate, audioSourceType, embeddingModel, processingTimeMs);
    }

    @Override
    public String toString() {
        return "SegmentEmbedding[" + segmentIndex + ": " + startTimeSec + "–" + endTimeSec + " s of "
                + totalDurationSec + " s, " + embedding.length + "-d, " + embeddingModel + ", "
                + audioSourceType.jsonName() + "]";
    }
}
