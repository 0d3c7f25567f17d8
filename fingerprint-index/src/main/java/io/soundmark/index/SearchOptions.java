package io.soundmark.index;

import java.util.Set;

/**
 * What a search returns and how hard it looks.
 *
 * <pre>{@code
 * SearchOptions options = SearchOptions.builder().k(5).minScore(0.8).sources(Set.of("ad-17")).build();
 * }</pre>
 *
 * @param k          hits per query window, 1 to 10000 (default 10)
 * @param minScore   hits scoring below this cosine are dropped (default −1: none)
 * @param sourceIds  only these sources are searched; empty (the default) searches all
 * @param exact      compare with every vector instead of walking the HNSW graph (default false):
 *                   slow on large indexes, but the reference that approximate search is measured by
 * @param candidates how many candidates the graph search collects before the best {@code k} are
 *                   kept, at least {@code k} (default {@value #DEFAULT_CANDIDATES} or {@code k} if
 *                   larger); more finds more of the true nearest neighbours at some cost in time
 */
public record SearchOptions(int k, double minScore, Set<String> sourceIds, boolean exact, int candidates) {

    public static final int DEFAULT_K = 10;
    /** Recall@10 ≥ 0.95 against exact search at 1,000,000 clustered vectors (see the README's figures). */
    public static final int DEFAULT_CANDIDATES = 200;

    /** @throws IllegalArgumentException when a value is out of range */
    public SearchOptions {
        if (k < 1 || k > 10_000) {
            throw new IllegalArgumentException("k = " + k + " is out of range: allowed 1 to 10000");
        }
        if (!(minScore >= -1 && minScore <= 1)) {
            throw new IllegalArgumentException("min score = " + minScore + " is out of range: allowed -1 to 1");
        }
        if (candidates < k || candidates > 100_000) {
            throw new IllegalArgumentException("candidates = " + candidates + " is out of range: allowed k (" + k
                    + ") to 100000");
        }
        sourceIds = Set.copyOf(sourceIds);
    }

    /** Ten hits per query window, any score, every source, graph search with 200 candidates. */
    public static SearchOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        Builder b = new Builder().k(k).minScore(minScore).sources(sourceIds).exact(exact);
        b.candidates = candidates;
        return b;
    }

    /** Builds {@link SearchOptions}; see the record's components for each setting. */
    public static final class Builder {
        private int k = DEFAULT_K;
        private double minScore = -1;
        private Set<String> sourceIds = Set.of();
        private boolean exact;
        private Integer candidates;

        private Builder() {
        }

        public Builder k(int hits) {
            this.k = hits;
            return this;
        }

        public Builder minScore(double score) {
            this.minScore = score;
            return this;
        }

        public Builder sources(Set<String> ids) {
            this.sourceIds = ids;
            return this;
        }

        public Builder exact(boolean exact) {
            this.exact = exact;
            return this;
        }

        public Builder candidates(int count) {
            this.candidates = count;
            return this;
        }

        /** @throws IllegalArgumentException when a value is out of range */
        public SearchOptions build() {
            return new SearchOptions(k, minScore, sourceIds, exact,
                    candidates != null ? candidates : Math.max(k, DEFAULT_CANDIDATES));
        }
    }
}
