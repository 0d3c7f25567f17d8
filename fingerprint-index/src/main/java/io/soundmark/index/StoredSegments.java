package io.soundmark.index;

import io.soundmark.SegmentEmbedding;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;

/** Reads a source's records back from its segment documents: vectors and doc values, in doc order. */
final class StoredSegments {

    private StoredSegments() {
    }

    static List<SegmentEmbedding> read(IndexSearcher searcher, String sourceId, IndexedSource source, IndexMetadata m)
            throws IOException {
        ScoreDoc[] hits = searcher.search(IndexDocuments.ofSource(IndexDocuments.KIND_SEGMENT, sourceId),
                Math.max(1, source.segments())).scoreDocs;
        int[] docs = Arrays.stream(hits).mapToInt(h -> h.doc).sorted().toArray();
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        List<SegmentEmbedding> out = new ArrayList<>(docs.length);
        int leaf = -1;
        FloatVectorValues vectors = null;
        IndexDocuments.WindowReader windows = null;
        for (int doc : docs) {
            int l = ReaderUtil.subIndex(doc, leaves);
            if (l != leaf) {
                leaf = l;
                vectors = leaves.get(l).reader().getFloatVectorValues(IndexDocuments.VECTOR);
                windows = new IndexDocuments.WindowReader(leaves.get(l).reader());
            }
            int local = doc - leaves.get(l).docBase;
            if (vectors == null || vectors.advance(local) != local) {
                throw new IOException("segment document " + doc + " of source " + sourceId + " has no vector");
            }
            IndexDocuments.Window w = windows.read(local);
            out.add(new SegmentEmbedding(vectors.vectorValue().clone(), w.segmentIndex(), w.startTimeSec(), w.endTimeSec(),
                    w.endTimeSec() - w.startTimeSec(), source.totalDurationSec(), m.parameters().sampleRate(),
                    source.audioSourceType(), m.modelId(), 0));
        }
        out.sort(Comparator.comparingInt(SegmentEmbedding::segmentIndex));
        return out;
    }
}
