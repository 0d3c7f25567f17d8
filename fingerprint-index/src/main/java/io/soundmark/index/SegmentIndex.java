package io.soundmark.index;

import io.soundmark.SegmentEmbedding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;

/**
 * A persistent index of segment records on disk (Apache Lucene: an HNSW graph over the vectors,
 * doc values for times), searched by vector or by clip.
 *
 * <pre>{@code
 * try (SegmentIndex index = SegmentIndex.open(Path.of("archive-index"))) {
 *     index.add("news-0412", "news-0412.mp3", SegmentParameters.of(fingerprinter.options()),
 *             fingerprinter.fingerprint(FingerprintInput.audio("news-0412.mp3")));
 *     for (SearchHit hit : index.search(clipSegments, SearchOptions.builder().k(5).build())) {
 *         System.out.println(hit.toJson());
 *     }
 * }
 * }</pre>
 *
 * <p>Every record of an index comes from one model and one window layout: the first source
 * fixes them (they are kept in the index), and records of another model or layout are refused with
 * an {@link IndexException}. Vectors are stored at unit length; scores are cosines.
 *
 * <p>Durable state changes only at commits, and every {@link #add} and {@link #delete} commits
 * before it returns: a process killed in the middle of adding leaves an index that opens with every
 * source added before intact, and none half there. Searches may run from many threads while another
 * adds; each sees the index as of the last completed add (near real time). Only one process may open
 * an index for writing; others may open it {@linkplain Builder#readOnly() read-only} and
 * {@link #refresh()} to see new commits.
 */
public final class SegmentIndex implements AutoCloseable {

    private static final AtomicInteger MERGE_THREADS = new AtomicInteger();

    private final Path path;
    private final Directory directory;
    private final IndexWriter writer; // null when read-only
    private final SearcherManager searchers;
    private final ExecutorService mergeWorkers;
    private final Object writes = new Object();
    private volatile IndexMetadata metadata;
    private IndexMetadata staged; // metadata including sources staged but not yet committed

    private SegmentIndex(Path path, Directory directory, IndexWriter writer, SearcherManager searchers,
                         ExecutorService mergeWorkers, IndexMetadata metadata) {
        this.path = path;
        this.directory = directory;
        this.writer = writer;
        this.searchers = searchers;
        this.mergeWorkers = mergeWorkers;
        this.metadata = metadata;
        this.staged = metadata;
    }

    /**
     * Opens the index in {@code directory} for reading and writing, creating it (float vectors) if
     * there is none.
     *
     * @throws IndexException when it cannot be opened
     */
    public static SegmentIndex open(Path directory) {
        return builder(directory).build();
    }

    /** Settings for opening or creating the index in {@code directory}. */
    public static Builder builder(Path directory) {
        return new Builder(directory);
    }

    /** Where the index lives. */
    public Path directory() {
        return path;
    }

    /** Its model, window layout, quantisation and size. */
    public IndexInfo info() {
        IndexMetadata m = metadata;
        return read(searcher -> new IndexInfo(path, m.modelId(), m.dimension(), m.parameters(), m.quantization(),
                searcher.count(IndexDocuments.kind(IndexDocuments.KIND_SOURCE)),
                searcher.count(IndexDocuments.kind(IndexDocuments.KIND_SEGMENT)), m.modelLocation()));
    }

    /**
     * Adds one source's records under its id, replacing any source of that id, and commits.
     *
     * @throws IndexException when the records are of another model, size or window layout than the
     *                        index's, or the index cannot be written
     */
    public void add(String sourceId, String location, SegmentParameters parameters, List<SegmentEmbedding> segments) {
        addAll(List.of(new SourceSegments(sourceId, location, parameters, segments)));
    }

    /** Adds one source's records; see {@link #add(String, String, SegmentParameters, List)}. */
    public void add(SourceSegments source) {
        addAll(List.of(source));
    }

    /**
     * Adds several sources (each replacing any source of its id) and commits once: all of them are
     * durable when this returns, and a crash before leaves none of them.
     *
     * @throws IndexException when records are of another model, size or window layout than the
     *                        index's (nothing is added then), or the index cannot be written
     */
    public void addAll(List<SourceSegments> sources) {
        synchronized (writes) {
            stage(sources);
            commit();
        }
    }

    /**
     * Adds sources without committing, for bulk loads: they become visible to searches and durable
     * at the next {@link #commit()} (a crash before loses them, and only them). May be called from
     * several threads at once; each thread builds its own graph segment, so loading is faster.
     *
     * @throws IndexException as {@link #addAll}
     */
    public void stage(List<SourceSegments> sources) {
        checkWritable();
        synchronized (writes) {
            IndexMetadata next = staged;
            for (SourceSegments s : sources) {
                next = RecordCheck.accept(path, next, s);
            }
            staged = next;
        }
        try {
            for (SourceSegments s : sources) {
                writer.updateDocuments(IndexDocuments.sourceTerm(s.sourceId()),
                        IndexDocuments.block(s.sourceId(), s.location(), s.segments()));
            }
        } catch (IOException | RuntimeException e) {
            throw failure("cannot add " + sources.size() + " source(s)", e);
        }
    }

    /** Makes everything staged durable and visible to searches. */
    public void commit() {
        synchronized (writes) {
            checkWritable();
            try {
                commit(staged);
            } catch (IOException | RuntimeException e) {
                throw failure("cannot commit", e);
            }
        }
    }

    /**
     * Deletes a source and everything stored with it, and commits.
     *
     * @return whether the index held it
     */
    public boolean delete(String sourceId) {
        synchronized (writes) {
            checkWritable();
            boolean held = source(sourceId).isPresent();
            try {
                writer.deleteDocuments(IndexDocuments.sourceTerm(sourceId));
                commit(staged);
            } catch (IOException | RuntimeException e) {
                throw failure("cannot delete source " + sourceId, e);
            }
            return held;
        }
    }

    /**
     * The windows nearest to one vector, best first, as {@link SearchHit}s with query segment index 0.
     *
     * @throws IllegalArgumentException when the vector's size is not the index's
     */
    public List<SearchHit> search(float[] vector, SearchOptions options) {
        return search(vector, 0, options);
    }

    /**
     * The windows nearest to each window of a clip: for each query record in turn, its hits best
     * first, tagged with the query record's segment index.
     *
     * @throws IndexException when the clip's records are of another model than the index's
     */
    public List<SearchHit> search(List<SegmentEmbedding> clip, SearchOptions options) {
        List<SearchHit> hits = new ArrayList<>();
        String model = metadata.modelId();
        for (SegmentEmbedding q : clip) {
            if (model != null && !model.equals(q.embeddingModel())) {
                throw new IndexException(path, "holds vectors of model " + model + "; the query's are of model "
                        + q.embeddingModel() + " and do not compare");
            }
            hits.addAll(search(q.embedding(), q.segmentIndex(), options));
        }
        return hits;
    }

    private List<SearchHit> search(float[] vector, int queryIndex, SearchOptions options) {
        Objects.requireNonNull(options, "options");
        int dimension = metadata.dimension();
        if (dimension == 0) {
            return List.of();
        }
        if (vector.length != dimension) {
            throw new IllegalArgumentException("the query vector has " + vector.length + " dimensions; index " + path
                    + " holds " + dimension);
        }
        float[] unit = IndexDocuments.unit(vector);
        return read(searcher -> VectorSearch.search(searcher, unit, queryIndex, options));
    }

    /** Every source, in id order. */
    public List<IndexedSource> sources() {
        List<IndexedSource> out = new ArrayList<>();
        for (Document d : documents(IndexDocuments.kind(IndexDocuments.KIND_SOURCE))) {
            out.add(IndexDocuments.source(d));
        }
        out.sort(Comparator.comparing(IndexedSource::id));
        return out;
    }

    /** One source, if the index holds it. */
    public Optional<IndexedSource> source(String sourceId) {
        List<Document> docs = documents(IndexDocuments.ofSource(IndexDocuments.KIND_SOURCE, sourceId));
        return docs.isEmpty() ? Optional.empty() : Optional.of(IndexDocuments.source(docs.get(0)));
    }

    /**
     * One source's records, read back in time order: vectors at unit length, and
     * {@code processing_time_ms} 0 (it is not kept).
     */
    public List<SegmentEmbedding> segments(String sourceId) {
        Optional<IndexedSource> source = source(sourceId);
        if (source.isEmpty()) {
            return List.of();
        }
        IndexMetadata m = metadata;
        return read(searcher -> StoredSegments.read(searcher, sourceId, source.get(), m));
    }

    /** The bytes the index occupies, by kind (graph, float vectors, int8 vectors). */
    public IndexStorage storage() {
        try {
            return StorageSummary.of(directory, SegmentInfos.readLatestCommit(directory));
        } catch (IOException e) {
            throw failure("cannot list its files", e);
        }
    }

    /** Makes searches see what another process has committed since (for a read-only index). */
    public void refresh() {
        try {
            searchers.maybeRefreshBlocking();
            if (writer == null) {
                metadata = IndexMetadata.fromUserData(SegmentInfos.readLatestCommit(directory).getUserData());
            }
        } catch (IOException e) {
            throw failure("cannot refresh", e);
        }
    }

    /** Whether this instance may add and delete. */
    public boolean writable() {
        return writer != null;
    }

    /** Adds a document to an existing source (kept until the source is replaced or deleted) and commits. */
    void attach(Document document) {
        synchronized (writes) {
            checkWritable();
            try {
                writer.addDocument(document);
                commit(staged);
            } catch (IOException | RuntimeException e) {
                throw failure("cannot store data for a source", e);
            }
        }
    }

    /** The stored fields of every document matching {@code query}. */
    List<Document> documents(Query query) {
        return read(searcher -> {
            List<Document> out = new ArrayList<>();
            var stored = searcher.storedFields();
            for (ScoreDoc sd : searcher.search(query, Math.max(1, searcher.getIndexReader().maxDoc())).scoreDocs) {
                out.add(stored.document(sd.doc));
            }
            return out;
        });
    }

    IndexMetadata metadata() {
        return metadata;
    }

    private void commit(IndexMetadata next) throws IOException {
        writer.setLiveCommitData(next.toUserData().entrySet());
        writer.commit();
        metadata = next;
        staged = next;
        searchers.maybeRefreshBlocking();
    }

    private void checkWritable() {
        if (writer == null) {
            throw new IllegalStateException("index " + path + " is open read-only");
        }
    }

    /** A read against the current searcher, released afterwards. */
    interface Read<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    private <T> T read(Read<T> action) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return action.apply(searcher);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw failure("cannot read", e);
        }
    }

    private IndexException failure(String what, Exception e) {
        if (e instanceof IndexException ie) {
            return ie;
        }
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        return new IndexException(path, what + ": " + cause, e);
    }

    /** Closes the index; later calls fail. Whatever was added is already committed. */
    @Override
    public void close() {
        try {
            searchers.close();
            if (writer != null) {
                writer.close();
            }
            directory.close();
        } catch (IOException e) {
            throw failure("cannot close", e);
        } finally {
            if (mergeWorkers != null) {
                mergeWorkers.shutdownNow();
            }
        }
    }

    /** Settings for opening an index; {@link #build()} opens it. */
    public static final class Builder {
        private final Path path;
        private Quantization quantization;
        private int maxConn = Lucene99HnswVectorsFormat.DEFAULT_MAX_CONN;
        private int beamWidth = Lucene99HnswVectorsFormat.DEFAULT_BEAM_WIDTH;
        private double ramBufferMb = 64;
        private int mergeThreads = Runtime.getRuntime().availableProcessors();
        private boolean readOnly;
        private String modelLocation;

        private Builder(Path path) {
            this.path = Objects.requireNonNull(path, "directory");
        }

        /**
         * How a new index stores the vectors its graph searches (default {@link Quantization#NONE}).
         * An existing index keeps its own; asking for another is an error.
         */
        public Builder quantization(Quantization quantization) {
            this.quantization = Objects.requireNonNull(quantization, "quantization");
            return this;
        }

        /**
         * HNSW graph settings of a new index: neighbours per node (Lucene's default 16) and the
         * candidates considered when linking a node (default 100). More of either: better recall,
         * slower building, a larger graph.
         */
        public Builder hnsw(int maxConnections, int beamWidth) {
            if (maxConnections < 2 || maxConnections > Lucene99HnswVectorsFormat.MAXIMUM_MAX_CONN) {
                throw new IllegalArgumentException("HNSW max connections = " + maxConnections + " is out of range: allowed 2 to "
                        + Lucene99HnswVectorsFormat.MAXIMUM_MAX_CONN);
            }
            if (beamWidth < 10 || beamWidth > Lucene99HnswVectorsFormat.MAXIMUM_BEAM_WIDTH) {
                throw new IllegalArgumentException("HNSW beam width = " + beamWidth + " is out of range: allowed 10 to "
                        + Lucene99HnswVectorsFormat.MAXIMUM_BEAM_WIDTH);
            }
            this.maxConn = maxConnections;
            this.beamWidth = beamWidth;
            return this;
        }

        /**
         * Memory for records not yet written out, in MB (default 64). Bulk loads build larger and
         * fewer graph segments with more (Lucene allows up to 2047), at the cost of heap.
         */
        public Builder ramBufferMb(double megabytes) {
            if (!(megabytes >= 1 && megabytes <= 2047)) {
                throw new IllegalArgumentException("RAM buffer = " + megabytes + " MB is out of range: allowed 1 to 2047");
            }
            this.ramBufferMb = megabytes;
            return this;
        }

        /** Threads that merge graph segments (default: one per core). */
        public Builder mergeThreads(int threads) {
            if (threads < 1 || threads > 256) {
                throw new IllegalArgumentException("merge threads = " + threads + " is out of range: allowed 1 to 256");
            }
            this.mergeThreads = threads;
            return this;
        }

        /**
         * Records where the index's model can be loaded from (a path, URL or preset name), so that
         * tools reading the index can load it without being told; kept until recorded otherwise.
         */
        public Builder modelLocation(String location) {
            this.modelLocation = Objects.requireNonNull(location, "location");
            return this;
        }

        /** Open an existing index for searching only, even while another process writes it. */
        public Builder readOnly() {
            this.readOnly = true;
            return this;
        }

        /**
         * Opens the index, creating it when opened for writing and absent.
         *
         * @throws IndexException when it cannot be opened: absent (read-only), not a Soundmark
         *                        index, written by a newer version, quantised otherwise than asked,
         *                        or open for writing in another process
         */
        public SegmentIndex build() {
            Directory directory = null;
            ExecutorService workers = null;
            try {
                if (!readOnly) {
                    Files.createDirectories(path);
                } else if (!Files.isDirectory(path)) {
                    throw new IndexException(path, "no such directory");
                }
                directory = FSDirectory.open(path);
                boolean exists = DirectoryReader.indexExists(directory);
                IndexMetadata metadata;
                if (exists) {
                    metadata = existing(directory);
                } else if (readOnly) {
                    throw new IndexException(path, "no index here (create it with index add)");
                } else {
                    metadata = IndexMetadata.create(quantization == null ? Quantization.NONE : quantization, maxConn, beamWidth);
                }
                if (readOnly) {
                    return new SegmentIndex(path, directory, null, new SearcherManager(directory, null), null, metadata);
                }
                if (mergeThreads > 1) {
                    workers = Executors.newFixedThreadPool(mergeThreads, runnable -> {
                        Thread t = new Thread(runnable, "soundmark-index-merge-" + MERGE_THREADS.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
                }
                IndexWriter writer = new IndexWriter(directory, config(metadata, workers));
                if (modelLocation != null && !modelLocation.equals(metadata.modelLocation())) {
                    metadata = metadata.withModelLocation(modelLocation);
                    exists = false; // commit it now
                }
                if (!exists) {
                    writer.setLiveCommitData(metadata.toUserData().entrySet());
                    writer.commit();
                }
                return new SegmentIndex(path, directory, writer, new SearcherManager(writer, null), workers, metadata);
            } catch (LockObtainFailedException e) {
                close(directory, workers);
                throw new IndexException(path, "open for writing in another process (open it read-only to search)", e);
            } catch (IOException | IllegalArgumentException e) {
                close(directory, workers);
                throw new IndexException(path, e.getMessage() == null ? e.toString() : e.getMessage(), e);
            } catch (RuntimeException e) {
                close(directory, workers);
                throw e;
            }
        }

        private IndexMetadata existing(Directory directory) throws IOException {
            IndexMetadata m = IndexMetadata.fromUserData(SegmentInfos.readLatestCommit(directory).getUserData());
            if (quantization != null && quantization != m.quantization()) {
                throw new IllegalArgumentException("was created with quantization " + m.quantization()
                        + "; it cannot be changed to " + quantization + " (build a new index)");
            }
            return m;
        }

        private IndexWriterConfig config(IndexMetadata m, ExecutorService workers) {
            int threads = workers == null ? 1 : mergeThreads;
            KnnVectorsFormat format = m.quantization() == Quantization.INT8
                    ? new Lucene99HnswScalarQuantizedVectorsFormat(m.maxConn(), m.beamWidth(), threads, 7, false, null, workers)
                    : new Lucene99HnswVectorsFormat(m.maxConn(), m.beamWidth(), threads, workers);
            TieredMergePolicy merges = new TieredMergePolicy();
            merges.setNoCFSRatio(0); // separate files, so that storage() can tell graph from vectors
            return new IndexWriterConfig()
                    .setCodec(new Lucene912Codec() {
                        @Override
                        public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                            return format;
                        }
                    })
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                    .setRAMBufferSizeMB(ramBufferMb)
                    .setRAMPerThreadHardLimitMB((int) Math.min(2047, Math.max(ramBufferMb, 945)))
                    .setUseCompoundFile(false)
                    .setMergePolicy(merges)
                    .setCommitOnClose(false);
        }

        private static void close(Directory directory, ExecutorService workers) {
            if (workers != null) {
                workers.shutdownNow();
            }
            if (directory != null) {
                try {
                    directory.close();
                } catch (IOException suppressed) {
                    // already failing: the first error is the one to report
                }
            }
        }
    }
}
