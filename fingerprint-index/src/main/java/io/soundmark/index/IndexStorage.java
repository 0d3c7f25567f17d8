package io.soundmark.index;

/**
 * The bytes an index occupies on disk, by what they hold (its current commit's files).
 *
 * @param totalBytes           every file of the commit
 * @param graphBytes           the HNSW graphs
 * @param floatVectorBytes     the float vectors (kept even when the graph is quantised: exact search
 *                             and re-scoring read them)
 * @param quantizedVectorBytes the int8 vectors of a quantised index, else 0
 */
public record IndexStorage(long totalBytes, long graphBytes, long floatVectorBytes, long quantizedVectorBytes) {

    /**
     * What a graph search reads: the graph and the vectors it compares, int8 ones when the index is
     * quantised (the float vectors of the few candidates that are re-scored are not counted).
     */
    public long searchedBytes() {
        return graphBytes + (quantizedVectorBytes > 0 ? quantizedVectorBytes : floatVectorBytes);
    }
}
