package io.soundmark.index;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.index.Term;
import org.apache.lucene.util.BytesRef;

/**
 * Keeps a mark's detection windows in the marks index, beside the mark's records, so that they are
 * computed once per model and window plan. They belong to the mark's source: adding the mark
 * again, or deleting it, removes them.
 */
final class MarkWindowStore {

    static final String KIND = "mark-windows";
    private static final String KEY = "mark_windows_key";
    private static final String DATA = "mark_windows";

    private MarkWindowStore() {
    }

    static Optional<MarkWindows> read(SegmentIndex index, String markId, String key) {
        BooleanQuery query = new BooleanQuery.Builder()
                .add(IndexDocuments.ofSource(KIND, markId), Occur.FILTER)
                .add(new TermQuery(new Term(KEY, key)), Occur.FILTER).build();
        List<Document> docs = index.documents(query);
        if (docs.isEmpty()) {
            return Optional.empty();
        }
        BytesRef bytes = docs.get(0).getBinaryValue(DATA);
        ByteBuffer b = ByteBuffer.wrap(bytes.bytes, bytes.offset, bytes.length).order(ByteOrder.LITTLE_ENDIAN);
        double length = b.getDouble();
        double verifySec = b.getDouble();
        int count = b.getInt();
        int dimension = b.getInt();
        float[][] probes = new float[count][dimension];
        for (float[] p : probes) {
            b.asFloatBuffer().get(p);
            b.position(b.position() + 4 * dimension);
        }
        float[] verify = new float[dimension];
        b.asFloatBuffer().get(verify);
        b.position(b.position() + 4 * dimension);
        double[] prior = new double[b.getInt()];
        b.asDoubleBuffer().get(prior);
        return Optional.of(new MarkWindows(markId, length, probes, verify, verifySec, prior));
    }

    static void write(SegmentIndex index, MarkWindows mark, String key) {
        int dimension = mark.verify().length;
        ByteBuffer b = ByteBuffer.allocate(28 + 4 * dimension * (mark.probes().length + 1) + 8 * mark.prior().length)
                .order(ByteOrder.LITTLE_ENDIAN);
        b.putDouble(mark.lengthSec()).putDouble(mark.verifySec()).putInt(mark.probes().length).putInt(dimension);
        for (float[] p : mark.probes()) {
            b.asFloatBuffer().put(p);
            b.position(b.position() + 4 * dimension);
        }
        b.asFloatBuffer().put(mark.verify());
        b.position(b.position() + 4 * dimension);
        b.putInt(mark.prior().length);
        b.asDoubleBuffer().put(mark.prior());
        Document d = new Document();
        d.add(new StringField(IndexDocuments.KIND, KIND, Field.Store.NO));
        IndexDocuments.addSourceId(d, mark.markId());
        d.add(new StringField(KEY, key, Field.Store.NO));
        d.add(new StoredField(DATA, b.array()));
        index.attach(d);
    }
}
