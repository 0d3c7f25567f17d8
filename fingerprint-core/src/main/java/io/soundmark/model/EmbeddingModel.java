package io.soundmark.model;

/**
 * A loaded model honouring the model contract: float32 {@code [B, 1, frames, mels]} →
 * {@code [B, embeddingSize]}, un-normalised. Thread-safe; holds native memory until closed.
 * Work happens in {@link Embedder}s, one per thread.
 */
public interface EmbeddingModel extends AutoCloseable {

    /** The model's manifest. */
    ModelManifest manifest();

    /** A new embedder; not thread-safe, close it when done. */
    Embedder newEmbedder();

    /** Frees the model's native memory. Embedders must be closed first. */
    @Override
    void close();

    /** Runs batches through the model; each instance is used by one thread at a time. */
    interface Embedder extends AutoCloseable {

        /**
         * Embeds {@code count} feature blocks stored one after another in {@code features}.
         *
         * @return {@code count} raw vectors of {@code manifest().embeddingSize()} floats
         * @throws ModelFailure if the model fails or returns the wrong shape
         */
        float[][] embed(float[] features, int count);

        @Override
        void close();
    }

    /** Thrown when running the model fails; the message says how. */
    final class ModelFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ModelFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
