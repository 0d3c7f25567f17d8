package io.soundmark.index;

import io.soundmark.AudioSourceType;
import io.soundmark.SegmentEmbedding;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoubleDocValuesField;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * The Lucene documents of an index. A source is one block, added and replaced atomically: a source
 * document (location, type, duration) and one segment document per window (vector, window index,
 * start and end as doc values, so that hits are resolved without decompressing stored fields).
 * Other documents of a source (such as a detector's mark windows) carry its id too, so that
 * replacing or deleting the source removes them with it.
 */
final class IndexDocuments {

    static final String KIND = "kind";
    static final String SOURCE = "source_id";
    static final String VECTOR = SegmentEmbedding.EMBEDDING;
    static final String SEGMENT_INDEX = SegmentEmbedding.SEGMENT_INDEX;
    static final String START = SegmentEmbedding.START_TIME_SEC;
    static final String END = SegmentEmbedding.END_TIME_SEC;
    static final String LOCATION = "location";
    static final String TYPE = SegmentEmbedding.AUDIO_SOURCE_TYPE;
    static final String TOTAL = SegmentEmbedding.TOTAL_DURATION_SEC;
    static final String COUNT = "segments";

    static final String KIND_SOURCE = "source";
    static final String KIND_SEGMENT = "segment";

    /** Unit vectors compared by dot product: the cosine, without computing norms at search time. */
    static final VectorSimilarityFunction SIMILARITY = VectorSimilarityFunction.DOT_PRODUCT;

    private IndexDocuments() {
    }

    static Term sourceTerm(String sourceId) {
        return new Term(SOURCE, sourceId);
    }

    static Query kind(String kind) {
        return new TermQuery(new Term(KIND, kind));
    }

    static Query ofSource(String kind, String sourceId) {
        return new BooleanQuery.Builder().add(kind(kind), Occur.FILTER)
                .add(new TermQuery(sourceTerm(sourceId)), Occur.FILTER).build();
    }

    /** The block of one source: its source document first, then its windows in order. */
    static List<Document> block(String sourceId, String location, List<SegmentEmbedding> segments) {
        List<Document> docs = new ArrayList<>(segments.size() + 1);
        Document source = new Document();
        source.add(new StringField(KIND, KIND_SOURCE, Field.Store.NO));
        addSourceId(source, sourceId);
        if (location != null) {
            source.add(new StoredField(LOCATION, location));
        }
        AudioSourceType type = segments.isEmpty() ? AudioSourceType.AUDIO : segments.get(0).audioSourceType();
        source.add(new StoredField(TYPE, type.jsonName()));
        Double total = segments.isEmpty() ? null : segments.get(segments.size() - 1).totalDurationSec();
        if (total != null) {
            source.add(new StoredField(TOTAL, total));
        }
        source.add(new StoredField(COUNT, segments.size()));
        docs.add(source);
        for (SegmentEmbedding s : segments) {
            Document d = new Document();
            d.add(new StringField(KIND, KIND_SEGMENT, Field.Store.NO));
            addSourceId(d, sourceId);
            d.add(new KnnFloatVectorField(VECTOR, unit(s.embedding()), SIMILARITY));
            d.add(new NumericDocValuesField(SEGMENT_INDEX, s.segmentIndex()));
            d.add(new DoubleDocValuesField(START, s.startTimeSec()));
            d.add(new DoubleDocValuesField(END, s.endTimeSec()));
            docs.add(d);
        }
        return docs;
    }

    /**
     * Tags a document with its source, as a term (to replace or delete the source's documents
     * together), stored, and as doc values (to resolve hits); Lucene wants every document of a
     * field to index it alike.
     */
    static void addSourceId(Document d, String sourceId) {
        d.add(new StringField(SOURCE, sourceId, Field.Store.YES));
        d.add(new SortedDocValuesField(SOURCE, new BytesRef(sourceId)));
    }

    /** The vector scaled to unit length (a zero vector stays zero and matches nothing). */
    static float[] unit(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += (double) x * x;
        }
        if (norm == 0 || Math.abs(norm - 1) < 1e-6) {
            return v;
        }
        float[] out = new float[v.length];
        double scale = 1 / Math.sqrt(norm);
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] * scale);
        }
        return out;
    }

    static IndexedSource source(Document d) {
        var total = d.getField(TOTAL);
        var location = d.getField(LOCATION);
        return new IndexedSource(d.get(SOURCE), location == null ? null : location.stringValue(),
                AudioSourceType.fromJsonName(d.get(TYPE)), d.getField(COUNT).numericValue().intValue(),
                total == null ? null : total.numericValue().doubleValue());
    }

    /** A window's identity and times, read from doc values. */
    record Window(String sourceId, int segmentIndex, double startTimeSec, double endTimeSec) {
    }

    /** Reads windows of one segment (leaf) in increasing doc order. */
    static final class WindowReader {
        private final SortedDocValues source;
        private final NumericDocValues index;
        private final NumericDocValues start;
        private final NumericDocValues end;

        WindowReader(LeafReader leaf) throws IOException {
            source = leaf.getSortedDocValues(SOURCE);
            index = leaf.getNumericDocValues(SEGMENT_INDEX);
            start = leaf.getNumericDocValues(START);
            end = leaf.getNumericDocValues(END);
        }

        Window read(int doc) throws IOException {
            if (!source.advanceExact(doc) || !index.advanceExact(doc) || !start.advanceExact(doc) || !end.advanceExact(doc)) {
                throw new IOException("window document " + doc + " lacks its doc values");
            }
            return new Window(source.lookupOrd(source.ordValue()).utf8ToString(), (int) index.longValue(),
                    Double.longBitsToDouble(start.longValue()), Double.longBitsToDouble(end.longValue()));
        }
    }
}
