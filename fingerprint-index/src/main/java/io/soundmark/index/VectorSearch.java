package io.soundmark.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.ConjunctionUtils;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * Nearest windows to one query vector: by walking the HNSW graph (Lucene's
 * {@link KnnFloatVectorQuery}) for the requested number of candidates, or by comparing with every
 * vector. Either way the candidates are scored again on their float vectors, so that scores are
 * exact cosines whatever the graph stores (int8 or float).
 */
final class VectorSearch {

    private VectorSearch() {
    }

    /** The best {@code options.k()} hits scoring at least {@code options.minScore()}, best first. */
    static List<SearchHit> search(IndexSearcher searcher, float[] unitQuery, int queryIndex, SearchOptions options)
            throws IOException {
        Query filter = filter(options.sourceIds());
        List<Scored> best = options.exact()
                ? scan(searcher, unitQuery, filter, options.k())
                : rescore(searcher, unitQuery, approximate(searcher, unitQuery, filter, options.candidates()), options.k());
        return resolve(searcher, best, queryIndex, options.minScore());
    }

    private static Query filter(Set<String> sourceIds) {
        if (sourceIds.isEmpty()) {
            return null;
        }
        return new TermInSetQuery(IndexDocuments.SOURCE, sourceIds.stream().map(BytesRef::new).toList());
    }

    private static ScoreDoc[] approximate(IndexSearcher searcher, float[] q, Query filter, int candidates) throws IOException {
        return searcher.search(new KnnFloatVectorQuery(IndexDocuments.VECTOR, q, candidates, filter), candidates).scoreDocs;
    }

    /** A document (global id) with its exact score. */
    private record Scored(int doc, double score) {
    }

    private static List<Scored> rescore(IndexSearcher searcher, float[] q, ScoreDoc[] candidates, int k) throws IOException {
        int[] docs = new int[candidates.length];
        for (int i = 0; i < docs.length; i++) {
            docs[i] = candidates[i].doc;
        }
        java.util.Arrays.sort(docs);
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        PriorityQueue<Scored> top = new PriorityQueue<>(Comparator.comparingDouble(Scored::score));
        FloatVectorValues values = null;
        int leaf = -1;
        for (int doc : docs) {
            int l = ReaderUtil.subIndex(doc, leaves);
            if (l != leaf) {
                leaf = l;
                values = leaves.get(l).reader().getFloatVectorValues(IndexDocuments.VECTOR);
            }
            int local = doc - leaves.get(l).docBase;
            if (values.advance(local) != local) {
                throw new IOException("candidate document " + doc + " has no vector");
            }
            offer(top, new Scored(doc, dot(q, values.vectorValue())), k);
        }
        return best(top);
    }

    private static List<Scored> scan(IndexSearcher searcher, float[] q, Query filter, int k) throws IOException {
        Weight weight = filter == null ? null
                : searcher.createWeight(searcher.rewrite(filter), ScoreMode.COMPLETE_NO_SCORES, 1);
        PriorityQueue<Scored> top = new PriorityQueue<>(Comparator.comparingDouble(Scored::score));
        for (LeafReaderContext ctx : searcher.getIndexReader().leaves()) {
            FloatVectorValues values = ctx.reader().getFloatVectorValues(IndexDocuments.VECTOR);
            if (values == null) {
                continue;
            }
            DocIdSetIterator docs = values;
            if (weight != null) {
                Scorer scorer = weight.scorer(ctx);
                if (scorer == null) {
                    continue;
                }
                docs = ConjunctionUtils.intersectIterators(List.of(values, scorer.iterator()));
            }
            Bits live = ctx.reader().getLiveDocs();
            for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
                if (live == null || live.get(doc)) {
                    offer(top, new Scored(ctx.docBase + doc, dot(q, values.vectorValue())), k);
                }
            }
        }
        return best(top);
    }

    private static void offer(PriorityQueue<Scored> top, Scored s, int k) {
        if (top.size() < k) {
            top.add(s);
        } else if (s.score() > top.peek().score()) {
            top.poll();
            top.add(s);
        }
    }

    private static List<Scored> best(PriorityQueue<Scored> top) {
        List<Scored> out = new ArrayList<>(top);
        out.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparingInt(Scored::doc));
        return out;
    }

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    private static List<SearchHit> resolve(IndexSearcher searcher, List<Scored> best, int queryIndex, double minScore)
            throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        List<SearchHit> hits = new ArrayList<>(best.size());
        for (Scored s : best) {
            if (s.score() < minScore) {
                break;
            }
            LeafReaderContext ctx = leaves.get(ReaderUtil.subIndex(s.doc(), leaves));
            IndexDocuments.Window w = new IndexDocuments.WindowReader(ctx.reader()).read(s.doc() - ctx.docBase);
            hits.add(new SearchHit(queryIndex, w.sourceId(), w.segmentIndex(), w.startTimeSec(), w.endTimeSec(), s.score()));
        }
        return hits;
    }
}
