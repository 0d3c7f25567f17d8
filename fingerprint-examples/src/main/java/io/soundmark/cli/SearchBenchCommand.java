package io.soundmark.cli;

import io.soundmark.AudioSourceType;
import io.soundmark.SegmentEmbedding;
import io.soundmark.index.IndexStorage;
import io.soundmark.index.Quantization;
import io.soundmark.index.SearchHit;
import io.soundmark.index.SearchOptions;
import io.soundmark.index.SegmentIndex;
import io.soundmark.index.SegmentParameters;
import io.soundmark.index.SourceSegments;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code soundmark bench-search}: builds indexes of synthetic clustered unit vectors (or reuses
 * them) and measures graph search against exact search: recall@10, latency, build rate, bytes on
 * disk and bytes searched, with and without int8 quantisation.
 */
@Command(name = "bench-search", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 110,
        description = {"Measure the segment index on synthetic clustered 512-d unit vectors: build rate, size on disk",
                "and bytes searched, recall@10 of graph search against exact search and query latency (p50, p99),",
                "for float and int8 indexes. Indexes are kept in --dir and reused when they hold --vectors."})
final class SearchBenchCommand implements Callable<Integer> {

    private static final int DIMENSION = 512;
    private static final int PER_SOURCE = 1000;
    private static final SegmentParameters LAYOUT = new SegmentParameters(5.0, 2.5, 48000);

    @Option(names = "--vectors", paramLabel = "N", defaultValue = "100000", description = "Vectors to index (default ${DEFAULT-VALUE}).")
    int vectors;

    @Option(names = "--dir", paramLabel = "DIR", required = true, description = "Where the indexes are built (DIR/float-N, DIR/int8-N).")
    Path dir;

    @Option(names = "--queries", paramLabel = "N", defaultValue = "200", description = "Queries (default ${DEFAULT-VALUE}).")
    int queries;

    @Option(names = "--candidates", paramLabel = "N,N", split = ",", defaultValue = "10,50,100,200,400",
            description = "Graph-search candidate counts to measure (default ${DEFAULT-VALUE}).")
    int[] candidates;

    @Option(names = "--quantization", paramLabel = "none|int8", split = ",", defaultValue = "none,int8",
            description = "Index kinds to measure (default ${DEFAULT-VALUE}).")
    List<String> kinds;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "2", description = "Threads loading vectors (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--ram-buffer-mb", paramLabel = "MB", defaultValue = "1024",
            description = "Index writer's RAM buffer: larger builds fewer, larger graph segments (default ${DEFAULT-VALUE}).")
    double ramBufferMb;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        out.println(MachineDescription.describe());
        out.printf(Locale.ROOT, "%d clustered unit vectors of %d dimensions (%d clusters), %d queries near the same centres%n",
                vectors, DIMENSION, clusters(), queries);
        float[][] queryVectors = new float[queries][];
        for (int q = 0; q < queries; q++) {
            queryVectors[q] = point(new Random(~q), centres());
        }
        for (String kind : kinds) {
            Quantization quantization = Quantization.valueOf(kind.toUpperCase(Locale.ROOT));
            Path path = dir.resolve(kind + "-" + vectors);
            try (SegmentIndex index = SegmentIndex.builder(path).quantization(quantization).ramBufferMb(ramBufferMb).build()) {
                if (index.info().segments() != vectors) {
                    build(index, out, kind);
                }
                IndexStorage storage = index.storage();
                out.printf(Locale.ROOT, "%s: on disk %.1f MiB (graph %.1f MiB, float vectors %.1f MiB, int8 vectors %.1f MiB); "
                                + "graph search reads %.1f MiB%n", kind, mib(storage.totalBytes()), mib(storage.graphBytes()),
                        mib(storage.floatVectorBytes()), mib(storage.quantizedVectorBytes()), mib(storage.searchedBytes()));
                measure(index, queryVectors, out, kind);
            }
            out.flush();
        }
        out.printf(Locale.ROOT, "peak RSS %d MiB (the JVM heap plus the index files mapped and touched)%n",
                ProcessStats.peakRssKb() / 1024);
        return 0;
    }

    private int clusters() {
        return Math.max(100, vectors / 1000);
    }

    private float[][] centres() {
        Random r = new Random(42);
        float[][] c = new float[clusters()][];
        for (int i = 0; i < c.length; i++) {
            c[i] = gaussian(r, 1.0);
        }
        return c;
    }

    /** A point of a random cluster: its centre plus noise, at unit length (cosine to the centre about 0.9). */
    private static float[] point(Random r, float[][] centres) {
        float[] v = gaussian(r, 0.5);
        float[] c = centres[r.nextInt(centres.length)];
        double norm = 0;
        for (int d = 0; d < DIMENSION; d++) {
            v[d] += c[d];
            norm += v[d] * v[d];
        }
        for (int d = 0; d < DIMENSION; d++) {
            v[d] /= (float) Math.sqrt(norm);
        }
        return v;
    }

    private static float[] gaussian(Random r, double scale) {
        float[] v = new float[DIMENSION];
        for (int d = 0; d < DIMENSION; d++) {
            v[d] = (float) (r.nextGaussian() * scale / Math.sqrt(DIMENSION));
        }
        return v;
    }

    private void build(SegmentIndex index, PrintWriter out, String kind) throws Exception {
        float[][] centres = centres();
        int sources = (vectors + PER_SOURCE - 1) / PER_SOURCE;
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> loaders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                loaders.add(pool.submit(() -> {
                    for (int s; (s = next.getAndIncrement()) < sources; ) {
                        Random r = new Random(s);
                        List<SegmentEmbedding> records = new ArrayList<>();
                        for (int i = 0; i < Math.min(PER_SOURCE, vectors - s * PER_SOURCE); i++) {
                            records.add(new SegmentEmbedding(point(r, centres), i, i * 2.5, i * 2.5 + 5, 5, null, 48000,
                                    AudioSourceType.AUDIO, "bench/synthetic", 0));
                        }
                        index.stage(List.of(new SourceSegments("source-" + s, null, LAYOUT, records)));
                        if (s % 100 == 99) {
                            PrintWriter err = spec.commandLine().getErr();
                            err.printf(Locale.ROOT, "%s: %d vectors staged, %.0f s%n", kind, (s + 1) * PER_SOURCE,
                                    (System.nanoTime() - start) / 1e9);
                            err.flush();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : loaders) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        index.commit();
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf(Locale.ROOT, "%s: built %d vectors in %.1f s: %.0f vectors/s with %d loading threads%n", kind, vectors,
                seconds, vectors / seconds, threads);
    }

    private void measure(SegmentIndex index, float[][] queryVectors, PrintWriter out, String kind) {
        List<List<SearchHit>> truth = new ArrayList<>();
        long start = System.nanoTime();
        for (float[] q : queryVectors) {
            truth.add(index.search(q, SearchOptions.builder().k(10).exact(true).build()));
        }
        out.printf(Locale.ROOT, "%s: exact search %.1f ms per query (the reference)%n", kind,
                (System.nanoTime() - start) / 1e6 / queryVectors.length);
        for (int n : candidates) {
            SearchOptions options = SearchOptions.builder().k(10).candidates(Math.max(10, n)).build();
            for (int warm = 0; warm < Math.min(50, queryVectors.length); warm++) {
                index.search(queryVectors[warm], options);
            }
            double[] millis = new double[queryVectors.length];
            int found = 0;
            for (int q = 0; q < queryVectors.length; q++) {
                long t = System.nanoTime();
                List<SearchHit> hits = index.search(queryVectors[q], options);
                millis[q] = (System.nanoTime() - t) / 1e6;
                double tenth = truth.get(q).get(truth.get(q).size() - 1).score();
                found += (int) hits.stream().filter(h -> h.score() >= tenth - 1e-9).count();
            }
            Arrays.sort(millis);
            out.printf(Locale.ROOT, "%s: candidates %d: recall@10 %.4f, latency p50 %.2f ms, p99 %.2f ms%n", kind, n,
                    found / (10.0 * queryVectors.length), millis[millis.length / 2],
                    millis[(int) Math.ceil(0.99 * millis.length) - 1]);
            out.flush();
        }
    }

    private static double mib(long bytes) {
        return bytes / 1048576.0;
    }
}
