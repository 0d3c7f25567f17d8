package io.soundmark;

import io.soundmark.model.EmbeddingModel.Embedder;
import io.soundmark.model.FeatureSettings;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What every {@link SegmentPipeline} of one fingerprinter shares.
 *
 * @param options   the validated options
 * @param modelId   reported as {@code embedding_model}
 * @param features  the front end's settings, from the model's manifest at the processing rate
 * @param embedders makes an embedder (loading the model on first use)
 * @param warnings  the caller's warning listener
 * @param frontEnds runs the front-end threads
 */
record PipelineContext(FingerprintOptions options, String modelId, FeatureSettings features,
                       Supplier<Embedder> embedders, Consumer<FingerprintWarning> warnings,
                       ExecutorService frontEnds) {
}
