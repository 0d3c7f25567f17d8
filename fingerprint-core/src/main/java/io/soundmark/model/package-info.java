/**
 * <b>API</b> for choosing a model ({@link io.soundmark.model.ModelSource}: a file, a directory, a
 * URL with a verified cache, a preset, the demo model) and reading its
 * {@link io.soundmark.model.ModelManifest}; <b>SPI</b> for other model runtimes:
 * {@link io.soundmark.model.ModelSource#load} returns an {@link io.soundmark.model.EmbeddingModel}.
 */
package io.soundmark.model;
