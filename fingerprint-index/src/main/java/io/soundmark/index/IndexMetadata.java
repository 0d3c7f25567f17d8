package io.soundmark.index;

import java.util.HashMap;
import java.util.Map;

/**
 * What an index records about itself in each Lucene commit's user data, so that it is durable
 * exactly when the records are: the format, the quantisation and graph settings chosen at creation,
 * and, from the first source on, the model and the window layout of every record in it.
 */
record IndexMetadata(int format, Quantization quantization, int maxConn, int beamWidth, String modelId,
                     int dimension, SegmentParameters parameters, String modelLocation) {

    static final int FORMAT = 1;
    private static final String PREFIX = "soundmark.";

    static IndexMetadata create(Quantization quantization, int maxConn, int beamWidth) {
        return new IndexMetadata(FORMAT, quantization, maxConn, beamWidth, null, 0, null, null);
    }

    boolean empty() {
        return modelId == null;
    }

    IndexMetadata withRecords(String model, int size, SegmentParameters layout) {
        return new IndexMetadata(format, quantization, maxConn, beamWidth, model, size, layout, modelLocation);
    }

    IndexMetadata withModelLocation(String location) {
        return new IndexMetadata(format, quantization, maxConn, beamWidth, modelId, dimension, parameters, location);
    }

    Map<String, String> toUserData() {
        Map<String, String> m = new HashMap<>();
        m.put(PREFIX + "format", Integer.toString(format));
        m.put(PREFIX + "quantization", quantization.name());
        m.put(PREFIX + "hnsw_max_conn", Integer.toString(maxConn));
        m.put(PREFIX + "hnsw_beam_width", Integer.toString(beamWidth));
        if (modelLocation != null) {
            m.put(PREFIX + "model_location", modelLocation);
        }
        if (modelId != null) {
            m.put(PREFIX + "model_id", modelId);
            m.put(PREFIX + "dimension", Integer.toString(dimension));
            m.put(PREFIX + "segment_duration_sec", Double.toString(parameters.segmentDurationSec()));
            m.put(PREFIX + "segment_hop_sec", Double.toString(parameters.segmentHopSec()));
            m.put(PREFIX + "sample_rate", Integer.toString(parameters.sampleRate()));
        }
        return m;
    }

    /** @throws IllegalArgumentException when the data is not a Soundmark index's, or of a newer format */
    static IndexMetadata fromUserData(Map<String, String> m) {
        String format = m.get(PREFIX + "format");
        if (format == null) {
            throw new IllegalArgumentException("not a Soundmark index (a Lucene index without Soundmark's metadata)");
        }
        int f = Integer.parseInt(format);
        if (f > FORMAT) {
            throw new IllegalArgumentException("written by a newer Soundmark (index format " + f + ", this one reads "
                    + FORMAT + ")");
        }
        String model = m.get(PREFIX + "model_id");
        SegmentParameters layout = model == null ? null : new SegmentParameters(
                Double.parseDouble(m.get(PREFIX + "segment_duration_sec")),
                Double.parseDouble(m.get(PREFIX + "segment_hop_sec")),
                Integer.parseInt(m.get(PREFIX + "sample_rate")));
        return new IndexMetadata(f, Quantization.valueOf(m.get(PREFIX + "quantization")),
                Integer.parseInt(m.get(PREFIX + "hnsw_max_conn")), Integer.parseInt(m.get(PREFIX + "hnsw_beam_width")),
                model, model == null ? 0 : Integer.parseInt(m.get(PREFIX + "dimension")), layout, m.get(PREFIX + "model_location"));
    }
}
