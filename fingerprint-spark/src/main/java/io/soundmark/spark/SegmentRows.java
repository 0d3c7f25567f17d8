package io.soundmark.spark;

import io.soundmark.AudioSourceType;
import io.soundmark.SegmentEmbedding;
import io.soundmark.index.SegmentParameters;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The job's tables and the mapping between segment records and rows. The segments table has SPEC's
 * record fields under their JSON names (the embedding as {@code array<float>}), the location as
 * {@code source}, and the segment parameters the records were made with.
 */
final class SegmentRows {

    static final String SOURCE = "source";
    static final String LOCATION = "location";
    static final String ERROR = "error";
    static final String SEGMENT_DURATION_SEC = "segment_duration_sec";
    static final String SEGMENT_HOP_SEC = "segment_hop_sec";
    static final String NORMALIZE_EMBEDDINGS = "normalize_embeddings";
    static final String MAX_AUDIO_LENGTH_SEC = "max_audio_length_sec";
    /** What a row of a round's results is: {@link #SEGMENT}, {@link #FAILURE} or {@link #EMPTY}. */
    static final String KIND = "kind";
    static final String SEGMENT = "segment";
    static final String FAILURE = "failure";
    static final String EMPTY = "empty";

    /** The parameters that must be the same for every row of one output. */
    static final List<String> PARAMETERS = List.of(SEGMENT_DURATION_SEC, SEGMENT_HOP_SEC, SegmentEmbedding.SAMPLE_RATE,
            NORMALIZE_EMBEDDINGS, MAX_AUDIO_LENGTH_SEC);

    static final StructType SEGMENTS = new StructType(new StructField[] {
        DataTypes.createStructField(SOURCE, DataTypes.StringType, false),
        DataTypes.createStructField(SegmentEmbedding.EMBEDDING, DataTypes.createArrayType(DataTypes.FloatType, false), false),
        DataTypes.createStructField(SegmentEmbedding.SEGMENT_INDEX, DataTypes.IntegerType, false),
        DataTypes.createStructField(SegmentEmbedding.START_TIME_SEC, DataTypes.DoubleType, false),
        DataTypes.createStructField(SegmentEmbedding.END_TIME_SEC, DataTypes.DoubleType, false),
        DataTypes.createStructField(SegmentEmbedding.DURATION_SEC, DataTypes.DoubleType, false),
        DataTypes.createStructField(SegmentEmbedding.TOTAL_DURATION_SEC, DataTypes.DoubleType, true),
        DataTypes.createStructField(SegmentEmbedding.SAMPLE_RATE, DataTypes.IntegerType, false),
        DataTypes.createStructField(SegmentEmbedding.AUDIO_SOURCE_TYPE, DataTypes.StringType, false),
        DataTypes.createStructField(SegmentEmbedding.EMBEDDING_MODEL, DataTypes.StringType, false),
        DataTypes.createStructField(SegmentEmbedding.PROCESSING_TIME_MS, DataTypes.DoubleType, false),
        DataTypes.createStructField(SEGMENT_DURATION_SEC, DataTypes.DoubleType, false),
        DataTypes.createStructField(SEGMENT_HOP_SEC, DataTypes.DoubleType, false),
        DataTypes.createStructField(NORMALIZE_EMBEDDINGS, DataTypes.BooleanType, false),
        DataTypes.createStructField(MAX_AUDIO_LENGTH_SEC, DataTypes.DoubleType, false),
    });

    static final StructType FAILURES = new StructType(new StructField[] {
        DataTypes.createStructField(LOCATION, DataTypes.StringType, false),
        DataTypes.createStructField(ERROR, DataTypes.StringType, false),
    });

    static final StructType EMPTY_INPUTS = new StructType(new StructField[] {
        DataTypes.createStructField(LOCATION, DataTypes.StringType, false),
    });

    /**
     * A round's results before they are split into the three tables: the segment columns, with
     * {@code location} and {@code error} for the other kinds, and the kind. Segment columns are
     * nullable here because failure and empty rows do not have them.
     */
    static final StructType RESULTS = results();

    private SegmentRows() {
    }

    private static StructType results() {
        StructType t = new StructType().add(KIND, DataTypes.StringType, false);
        for (StructField f : SEGMENTS.fields()) {
            t = t.add(f.name(), f.dataType(), true);
        }
        return t.add(LOCATION, DataTypes.StringType, true).add(ERROR, DataTypes.StringType, true);
    }

    /** A results row for one segment record of {@code source}. */
    static Row segment(String source, SegmentEmbedding s, FingerprinterSettings settings) {
        return RowFactory.create(SEGMENT, source, s.embedding(), s.segmentIndex(), s.startTimeSec(), s.endTimeSec(),
                s.durationSec(), s.totalDurationSec(), s.sampleRate(), s.audioSourceType().jsonName(),
                s.embeddingModel(), s.processingTimeMs(), settings.segmentDurationSec(), settings.segmentHopSec(),
                settings.normalizeEmbeddings(), settings.maxAudioLengthSec(), null, null);
    }

    /** A results row for a location that failed. */
    static Row failure(String location, String error) {
        return withoutSegment(FAILURE, location, error);
    }

    /** A results row for a location that holds no audio (zero windows). */
    static Row empty(String location) {
        return withoutSegment(EMPTY, location, null);
    }

    private static Row withoutSegment(String kind, String location, String error) {
        Object[] values = new Object[RESULTS.size()];
        values[0] = kind;
        values[values.length - 2] = location;
        values[values.length - 1] = error;
        return RowFactory.create(values);
    }

    /** The window layout a row of the segments table was made with. */
    static SegmentParameters parameters(Row row) {
        return new SegmentParameters(row.getDouble(row.fieldIndex(SEGMENT_DURATION_SEC)),
                row.getDouble(row.fieldIndex(SEGMENT_HOP_SEC)), row.getInt(row.fieldIndex(SegmentEmbedding.SAMPLE_RATE)));
    }

    /** The record of a row of the segments table (read back from Parquet or JSON Lines). */
    static SegmentEmbedding record(Row row) {
        List<Float> values = row.getList(row.fieldIndex(SegmentEmbedding.EMBEDDING));
        float[] embedding = new float[values.size()];
        for (int i = 0; i < embedding.length; i++) {
            embedding[i] = values.get(i);
        }
        int total = row.fieldIndex(SegmentEmbedding.TOTAL_DURATION_SEC);
        return new SegmentEmbedding(embedding,
                row.getInt(row.fieldIndex(SegmentEmbedding.SEGMENT_INDEX)),
                row.getDouble(row.fieldIndex(SegmentEmbedding.START_TIME_SEC)),
                row.getDouble(row.fieldIndex(SegmentEmbedding.END_TIME_SEC)),
                row.getDouble(row.fieldIndex(SegmentEmbedding.DURATION_SEC)),
                row.isNullAt(total) ? null : row.getDouble(total),
                row.getInt(row.fieldIndex(SegmentEmbedding.SAMPLE_RATE)),
                AudioSourceType.fromJsonName(row.getString(row.fieldIndex(SegmentEmbedding.AUDIO_SOURCE_TYPE))),
                row.getString(row.fieldIndex(SegmentEmbedding.EMBEDDING_MODEL)),
                row.getDouble(row.fieldIndex(SegmentEmbedding.PROCESSING_TIME_MS)));
    }
}
