package io.soundmark.index;

import java.nio.file.Path;

/**
 * What an index holds.
 *
 * @param directory    where it lives
 * @param modelId      the model whose vectors it holds, or {@code null} while it is empty
 * @param dimension    the vectors' size, or 0 while it is empty
 * @param parameters   the window layout of its records, or {@code null} while it is empty
 * @param quantization how its graph stores vectors
 * @param sources      how many sources
 * @param segments     how many window records, all sources together
 * @param modelLocation where the model can be loaded from, as the writer recorded it, or {@code null}
 */
public record IndexInfo(Path directory, String modelId, int dimension, SegmentParameters parameters,
                        Quantization quantization, long sources, long segments, String modelLocation) {
}
