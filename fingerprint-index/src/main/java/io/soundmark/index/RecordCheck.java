package io.soundmark.index;

import io.soundmark.SegmentEmbedding;
import java.nio.file.Path;

/**
 * Decides whether a source's records belong in an index: one model, one vector size and one window
 * layout per index, since vectors of different models or windows do not compare. The first source
 * with records fixes all three.
 */
final class RecordCheck {

    private RecordCheck() {
    }

    /**
     * The index's metadata once {@code source} is in it.
     *
     * @throws IndexException naming what differs
     */
    static IndexMetadata accept(Path index, IndexMetadata metadata, SourceSegments source) {
        if (source.segments().isEmpty()) {
            return metadata;
        }
        SegmentEmbedding first = source.segments().get(0);
        String model = first.embeddingModel();
        int size = first.embedding().length;
        for (SegmentEmbedding s : source.segments()) {
            if (!s.embeddingModel().equals(model) || s.embedding().length != size) {
                throw new IndexException(index, "source " + source.sourceId() + " mixes records of models " + model
                        + " (" + size + "-d) and " + s.embeddingModel() + " (" + s.embedding().length + "-d)");
            }
            for (float v : s.embedding()) {
                if (!Float.isFinite(v)) {
                    throw new IndexException(index, "source " + source.sourceId() + ": record " + s.segmentIndex()
                            + " has a non-finite vector component");
                }
            }
        }
        if (metadata.empty()) {
            return metadata.withRecords(model, size, source.parameters());
        }
        if (!metadata.modelId().equals(model) || metadata.dimension() != size) {
            throw new IndexException(index, "holds vectors of model " + metadata.modelId() + " (" + metadata.dimension()
                    + "-d); source " + source.sourceId() + " has vectors of model " + model + " (" + size
                    + "-d), which do not compare: use one index per model");
        }
        if (!sameLayout(metadata.parameters(), source.parameters())) {
            throw new IndexException(index, "holds " + metadata.parameters() + "; source " + source.sourceId()
                    + " has " + source.parameters() + ": use the index's segment options");
        }
        return metadata;
    }

    private static boolean sameLayout(SegmentParameters a, SegmentParameters b) {
        return Math.abs(a.segmentDurationSec() - b.segmentDurationSec()) < 1e-9
                && Math.abs(a.segmentHopSec() - b.segmentHopSec()) < 1e-9
                && a.sampleRate() == b.sampleRate();
    }
}
