package io.soundmark.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.soundmark.AudioSourceType;
import io.soundmark.SegmentEmbedding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index on real Lucene files: adding, replacing, searching, checks, storage and concurrency. */
class SegmentIndexTest {

    static final SegmentParameters LAYOUT = new SegmentParameters(5.0, 2.5, 48000);
    static final String MODEL = "test/model";

    @TempDir
    Path tmp;

    /** Unit vectors in a few tight clusters, like windows of similar sounds. */
    static float[][] clustered(int count, int dimension, int clusters, long seed) {
        Random r = new Random(seed);
        float[][] centres = new float[clusters][];
        for (int c = 0; c < clusters; c++) {
            centres[c] = gaussian(r, dimension, 1.0);
        }
        float[][] out = new float[count][];
        for (int i = 0; i < count; i++) {
            float[] v = gaussian(r, dimension, 0.35);
            float[] centre = centres[r.nextInt(clusters)];
            for (int d = 0; d < dimension; d++) {
                v[d] += centre[d];
            }
            out[i] = IndexDocuments.unit(v);
        }
        return out;
    }

    static float[] gaussian(Random r, int dimension, double scale) {
        float[] v = new float[dimension];
        for (int d = 0; d < dimension; d++) {
            v[d] = (float) (r.nextGaussian() * scale / Math.sqrt(dimension));
        }
        return v;
    }

    static List<SegmentEmbedding> records(float[][] vectors, int from, int to, String model) {
        List<SegmentEmbedding> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            int k = i - from;
            out.add(new SegmentEmbedding(vectors[i], k, k * 2.5, k * 2.5 + 5, 5, (to - from) * 2.5 + 2.5, 48000,
                    AudioSourceType.AUDIO, model, 1.0));
        }
        return out;
    }

    static List<SearchHit> bruteForce(float[][] vectors, float[] q, int k) {
        return IntStream.range(0, vectors.length)
                .mapToObj(i -> new SearchHit(0, "", i, 0, 0, VectorSearch.dot(q, vectors[i])))
                .sorted(Comparator.comparingDouble(SearchHit::score).reversed()).limit(k).toList();
    }

    @Test
    void addedSourcesAreFoundWithTheirTimesAndExactCosines() {
        float[][] v = clustered(40, 512, 4, 1);
        try (SegmentIndex index = SegmentIndex.open(tmp.resolve("idx"))) {
            index.add("a", "/audio/a.wav", LAYOUT, records(v, 0, 20, MODEL));
            index.add("b", null, LAYOUT, records(v, 20, 40, MODEL));
            List<SearchHit> hits = index.search(v[27], SearchOptions.builder().k(3).build());
            assertEquals("b", hits.get(0).sourceId());
            assertEquals(7, hits.get(0).segmentIndex());
            assertEquals(17.5, hits.get(0).startTimeSec());
            assertEquals(22.5, hits.get(0).endTimeSec());
            assertEquals(1.0, hits.get(0).score(), 1e-6);
            assertEquals(bruteForce(v, v[27], 3).get(1).score(), hits.get(1).score(), 1e-6);
            IndexInfo info = index.info();
            assertEquals(MODEL, info.modelId());
            assertEquals(512, info.dimension());
            assertEquals(LAYOUT, info.parameters());
            assertEquals(2, info.sources());
            assertEquals(40, info.segments());
            assertEquals("/audio/a.wav", index.source("a").orElseThrow().location());
            assertEquals(20, index.source("b").orElseThrow().segments());
        }
    }

    @Test
    void readingASourceBackGivesItsRecordsInTimeOrder() {
        float[][] v = clustered(12, 512, 2, 2);
        try (SegmentIndex index = SegmentIndex.open(tmp.resolve("idx"))) {
            List<SegmentEmbedding> written = records(v, 0, 12, MODEL);
            index.add("a", "a.wav", LAYOUT, written);
            List<SegmentEmbedding> read = index.segments("a");
            assertEquals(12, read.size());
            for (int i = 0; i < 12; i++) {
                assertEquals(i, read.get(i).segmentIndex());
                assertEquals(written.get(i).startTimeSec(), read.get(i).startTimeSec());
                assertEquals(1.0, read.get(i).cosineSimilarity(written.get(i)), 1e-6);
                assertEquals(32.5, read.get(i).totalDurationSec());
            }
        }
    }

    @Test
    void addingASourceIdAgainReplacesItsRecords() {
        float[][] v = clustered(30, 512, 3, 3);
        try (SegmentIndex index = SegmentIndex.open(tmp.resolve("idx"))) {
            index.add("a", "a.wav", LAYOUT, records(v, 0, 20, MODEL));
            index.add("a", "a2.wav", LAYOUT, records(v, 20, 30, MODEL));
            assertEquals(1, index.info().sources());
            assertEquals(10, index.info().segments());
            assertEquals("a2.wav", index.source("a").orElseThrow().location());
            assertEquals(5, index.search(v[25], SearchOptions.builder().k(1).build()).get(0).segmentIndex());
            assertTrue(index.search(v[3], SearchOptions.builder().k(1).exact(true).build()).get(0).score() < 0.999,
                    "the old records are gone");
        }
    }

    @Test
    void deletingASourceRemovesAllOfIt() {
        float[][] v = clustered(20, 512, 2, 4);
        try (SegmentIndex index = SegmentIndex.open(tmp.resolve("idx"))) {
            index.add("a", "a.wav", LAYOUT, records(v, 0, 10, MODEL));
            index.add("b", "b.wav", LAYOUT, records(v, 10, 20, MODEL));
            assertTrue(index.delete("a"));
            assertFalse(index.delete("a"));
            assertEquals(List.of("b"), index.sources().stream().map(IndexedSource::id).toList());
            assertTrue(index.search(v[3], SearchOptions.builder().k(20).build()).stream().allMatch(h -> h.sourceId().equals("b")));
        }
    }

    @Test
    void recordsOfAnotherModelOrLayoutAreRefusedWithTheReason() {
        float[][] v = clustered(10, 512, 2, 5);
        try (SegmentIndex index = SegmentIndex.open(tmp.resolve("idx"))) {
            index.add("a", "a.wav", LAYOUT, records(v, 0, 5, MODEL));
            IndexException model = assertThrows(IndexException.class,
                    () -> index.add("b", "b.wav", LAYOUT, records(v, 5, 10, "other/model")));
            assertTrue(model.getMessage().contains("holds vectors of model test/model (512-d); source b has vectors of model other/model"),
                    model.getMessage());
            IndexException layout = assertThrows(IndexException.class,
                    () -> index.add("b", "b.wav", new SegmentParameters(1.0, 0.5, 48000), records(v, 5, 10, MODEL)));
            assertTrue(layout.getMessage().contains("holds 5.0 s windows every 2.5 s at 48000 Hz; source b has 1.0 s windows every 0.5 s"),
                    layout.getMessage());
            assertEquals(1, index.info().sources(), "nothing of b was added");
        }
    }

    @Test
    void theModelAndLayoutOutliveTheProcessThatWroteThem() {
        float[][] v = clustered(10, 512, 2, 6);
        Path dir = tmp.resolve("idx");
        try (SegmentIndex index = SegmentIndex.builder(dir).quantization(Quantization.INT8).modelLocation("/models/m.pt").build()) {
            index.add("a", "a.wav", LAYOUT, records(v, 0, 10, MODEL));
        }
        try (SegmentIndex index = SegmentIndex.open(dir)) {
            assertEquals(new IndexInfo(dir, MODEL, 512, LAYOUT, Quantization.INT8, 1, 10, "/models/m.pt"), index.info());
            assertThrows(IndexException.class, () -> index.add("b", "b.wav", LAYOUT, records(v, 0, 10, "other/model")));
        }
        IndexException changed = assertThrows(IndexException.class,
                () -> SegmentIndex.builder(dir).quantization(Quantization.NONE).build());
        assertTrue(changed.getMessage().contains("was created with quantization INT8"), changed.getMessage());
    }

    @Test
    void graphSearchFindsNearlyAllTrueNeighboursAndExactSearchFindsThemAll() {
        float[][] v = clustered(3000, 512, 30, 7);
        try (SegmentIndex index = SegmentIndex.open(tmp.resolve("idx"))) {
            List<SourceSegments> sources = new ArrayList<>();
            for (int s = 0; s < 30; s++) {
                sources.add(new SourceSegments("s" + s, null, LAYOUT, records(v, s * 100, s * 100 + 100, MODEL)));
            }
            index.addAll(sources);
            float[][] queries = clustered(50, 512, 30, 7); // same centres, new points
            int found = 0;
            for (float[] q : queries) {
                List<Double> truth = bruteForce(v, q, 10).stream().map(SearchHit::score).toList();
                List<SearchHit> exact = index.search(q, SearchOptions.builder().exact(true).build());
                assertEquals(truth, exact.stream().map(SearchHit::score).map(s -> truth.stream()
                        .filter(t -> Math.abs(t - s) < 1e-9).findFirst().orElse(Double.NaN)).toList());
                double tenth = truth.get(9);
                found += (int) index.search(q, SearchOptions.defaults()).stream().filter(h -> h.score() >= tenth - 1e-9).count();
            }
            assertTrue(found >= 0.95 * 500, "recall@10 " + found / 500.0);
        }
    }

    @Test
    void int8GraphsReadAQuarterOfTheBytesAndStillReportExactCosines() {
        float[][] v = clustered(2000, 512, 20, 8);
        List<SourceSegments> sources = List.of(new SourceSegments("s", null, LAYOUT, records(v, 0, 2000, MODEL)));
        IndexStorage floats;
        IndexStorage int8;
        try (SegmentIndex index = SegmentIndex.open(tmp.resolve("float"))) {
            index.addAll(sources);
            floats = index.storage();
        }
        try (SegmentIndex index = SegmentIndex.builder(tmp.resolve("int8")).quantization(Quantization.INT8).build()) {
            index.addAll(sources);
            int8 = index.storage();
            float[] q = clustered(1, 512, 20, 8)[0];
            List<SearchHit> hits = index.search(q, SearchOptions.builder().k(5).build());
            List<SearchHit> truth = bruteForce(v, q, 5);
            assertEquals(truth.get(0).score(), hits.get(0).score(), 1e-9, "re-scored on the float vectors");
            assertEquals(truth.get(0).segmentIndex(), hits.get(0).segmentIndex());
        }
        assertEquals(0, floats.quantizedVectorBytes());
        assertTrue(floats.floatVectorBytes() >= 2000L * 512 * 4);
        assertTrue(int8.quantizedVectorBytes() >= 2000L * 512 && int8.quantizedVectorBytes() < 2000L * 600);
        assertTrue(int8.searchedBytes() < 0.35 * floats.searchedBytes(), int8 + " vs " + floats);
    }

    @Test
    void sourceFilterAndMinimumScoreNarrowTheHits() {
        float[][] v = clustered(40, 512, 2, 9);
        try (SegmentIndex index = SegmentIndex.open(tmp.resolve("idx"))) {
            index.add("a", null, LAYOUT, records(v, 0, 20, MODEL));
            index.add("b", null, LAYOUT, records(v, 20, 40, MODEL));
            for (boolean exact : new boolean[] {false, true}) {
                List<SearchHit> onlyB = index.search(v[3], SearchOptions.builder().k(5).sources(Set.of("b")).exact(exact).build());
                assertEquals(5, onlyB.size());
                assertTrue(onlyB.stream().allMatch(h -> h.sourceId().equals("b")));
                List<SearchHit> close = index.search(v[3], SearchOptions.builder().k(40).minScore(0.99).exact(exact).build());
                assertEquals(List.of("a"), close.stream().map(SearchHit::sourceId).distinct().toList());
                assertEquals(3, close.get(0).segmentIndex());
            }
        }
    }

    @Test
    void aClipQueryAnswersEachOfItsWindows() {
        float[][] v = clustered(20, 512, 2, 10);
        try (SegmentIndex index = SegmentIndex.open(tmp.resolve("idx"))) {
            index.add("a", null, LAYOUT, records(v, 0, 20, MODEL));
            List<SegmentEmbedding> clip = records(v, 5, 8, MODEL);
            List<SearchHit> hits = index.search(clip, SearchOptions.builder().k(1).build());
            assertEquals(List.of(0, 1, 2), hits.stream().map(SearchHit::querySegmentIndex).toList());
            assertEquals(List.of(5, 6, 7), hits.stream().map(SearchHit::segmentIndex).toList());
            assertThrows(IndexException.class, () -> index.search(records(v, 5, 8, "other/model"), SearchOptions.defaults()));
        }
    }

    @Test
    void searchesKeepRunningWhileAnotherThreadAddsAndSeeEachAddOnceItReturns() throws Exception {
        float[][] v = clustered(600, 512, 6, 11);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (SegmentIndex index = SegmentIndex.open(tmp.resolve("idx"))) {
            index.add("s0", null, LAYOUT, records(v, 0, 20, MODEL));
            AtomicBoolean adding = new AtomicBoolean(true);
            Future<Integer> searches = pool.submit(() -> {
                int n = 0;
                while (adding.get()) {
                    assertFalse(index.search(v[n % 20], SearchOptions.defaults()).isEmpty());
                    n++;
                }
                return n;
            });
            for (int s = 1; s < 30; s++) {
                index.add("s" + s, null, LAYOUT, records(v, s * 20, s * 20 + 20, MODEL));
                SearchHit top = index.search(v[s * 20 + 4], SearchOptions.builder().k(1).build()).get(0);
                assertEquals("s" + s, top.sourceId(), "visible as soon as add returns");
            }
            adding.set(false);
            assertTrue(searches.get() > 0);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSecondWriterIsRefusedButReadOnlyOpeningsSeeNewCommitsAfterRefresh() {
        float[][] v = clustered(20, 512, 2, 12);
        Path dir = tmp.resolve("idx");
        try (SegmentIndex writer = SegmentIndex.open(dir)) {
            writer.add("a", null, LAYOUT, records(v, 0, 10, MODEL));
            IndexException locked = assertThrows(IndexException.class, () -> SegmentIndex.open(dir));
            assertTrue(locked.getMessage().contains("open for writing in another process"), locked.getMessage());
            try (SegmentIndex reader = SegmentIndex.builder(dir).readOnly().build()) {
                assertEquals(1, reader.info().sources());
                writer.add("b", null, LAYOUT, records(v, 10, 20, MODEL));
                reader.refresh();
                assertEquals(2, reader.info().sources());
                assertThrows(IllegalStateException.class, () -> reader.delete("a"));
            }
        }
        IndexException absent = assertThrows(IndexException.class,
                () -> SegmentIndex.builder(tmp.resolve("none")).readOnly().build());
        assertTrue(absent.getMessage().startsWith("index " + tmp.resolve("none")), absent.getMessage());
    }
}
