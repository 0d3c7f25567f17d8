package io.soundmark.index;

/**
 * How an index's HNSW graph stores the vectors it searches. Chosen when the index is created and
 * kept for its life.
 */
public enum Quantization {
    /** 32-bit floats: 2048 bytes per 512-d vector. */
    NONE,
    /**
     * Lucene's scalar quantisation to one byte per dimension (7 bits of each, with a per-vector
     * correction): the graph is built and searched on 516 bytes per 512-d vector, about a quarter
     * of the float data that search reads. The float vectors stay on disk beside them; Soundmark
     * re-scores the candidates on them, so reported scores are exact cosines.
     */
    INT8
}
