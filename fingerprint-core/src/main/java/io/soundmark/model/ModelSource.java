package io.soundmark.model;

import io.soundmark.internal.model.ClasspathModelSource;
import io.soundmark.internal.model.FileModelSource;
import io.soundmark.internal.model.PresetModelSource;
import io.soundmark.internal.model.UrlModelSource;
import io.soundmark.internal.model.Variants;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/**
 * Where a model and its manifest come from.
 *
 * <pre>{@code
 * ModelSource.file(Path.of("models/clap/model.pt"));        // manifest beside it: model.pt.json or model.json
 * ModelSource.file(Path.of("models/clap"));                 // a directory written by model-export/export.py
 * ModelSource.url(URI.create("https://example.com/clap/model.pt"), null, ModelCache.defaults());
 * ModelSource.preset("laion/clap-htsat-tiny");              // from soundmark.model / SOUNDMARK_MODEL
 * ModelSource.demo();                                       // bundled untrained demo model
 * ModelSource.of("https://example.com/clap/model.pt");      // any of the above, from a string
 * }</pre>
 */
public interface ModelSource {

    /** The model as named in messages. */
    String name();

    /**
     * Reads the manifest of the model's main variant (fp32, or the one variant there is), or the
     * default manifest when it has none; cheap, no native code.
     */
    ModelManifest manifest() throws IOException;

    /**
     * The precision variants this model has, each a file of its own ({@code model.pt},
     * {@code model-bf16.pt}, {@code model-int8.pt}); never {@link Precision#AUTO}.
     */
    default Set<Precision> precisions() throws IOException {
        return EnumSet.of(manifest().precision());
    }

    /**
     * The manifest of one precision variant.
     *
     * @throws IOException when the model has no such variant (the message names those it has)
     */
    default ModelManifest manifest(Precision precision) throws IOException {
        ModelManifest main = manifest();
        if (main.precision() != precision) {
            throw new IOException(Variants.missing(this, precision));
        }
        return main;
    }

    /**
     * Loads the variant {@code manifest} describes for inference on {@code device} ({@code "cpu"},
     * {@code "gpu"}, {@code "gpu:1"}).
     *
     * @throws IOException when the model cannot be read or loaded
     */
    EmbeddingModel load(ModelManifest manifest, String device) throws IOException;

    /**
     * A model file (TorchScript {@code .pt}, or ONNX {@code .onnx}), or a directory holding
     * {@code model.pt} or {@code model.onnx}. The manifest is {@code <file>.json} or
     * {@code <base name>.json} beside the model; without one, the settings of
     * {@code laion/clap-htsat-unfused} apply and the engine follows the extension. Precision
     * variants are the files beside it named {@code <base name>-bf16.pt} and {@code <base name>-int8.pt}.
     */
    static ModelSource file(Path model) {
        return new FileModelSource(model);
    }

    /**
     * A model at an http(s) URL, downloaded once into {@code cache} and verified against
     * {@code sha256} (hex) or, when that is null, the {@code sha256} of the manifest published beside
     * the model. Downloads are refused when neither is available, or when the cache is offline.
     * Precision variants are looked for beside it ({@code model-bf16.pt}), each verified by its own
     * manifest's SHA-256, and downloaded only when chosen.
     */
    static ModelSource url(java.net.URI url, String sha256, ModelCache cache) {
        return new UrlModelSource(url, sha256, cache);
    }

    /**
     * A named model whose location is configured: the system property {@code soundmark.model},
     * else the environment variable {@code SOUNDMARK_MODEL} (a path, a directory or a URL). The
     * default, {@value ModelManifest#DEFAULT_ID}, is the HTSAT-tiny CLAP whose weights are
     * {@code laion/clap-htsat-unfused}; export it with {@code model-export/export.py}.
     */
    static ModelSource preset(String name) {
        return new PresetModelSource(name);
    }

    /**
     * A model from a string: {@code demo}, a preset name ({@value ModelManifest#DEFAULT_ID}), an
     * http(s) URL (cached with {@link ModelCache#defaults()}), {@code classpath:resource}, or a path.
     */
    static ModelSource of(String location) {
        if (location.equals("demo")) {
            return demo();
        }
        if (PresetModelSource.isPreset(location)) {
            return preset(location);
        }
        if (location.startsWith("http://") || location.startsWith("https://")) {
            return url(java.net.URI.create(location), null, ModelCache.defaults());
        }
        if (location.startsWith("classpath:")) {
            return classpath(location.substring("classpath:".length()));
        }
        return file(Path.of(location));
    }

    /** A TorchScript model packaged as a class-path resource, with its {@code .json} manifest beside it. */
    static ModelSource classpath(String resource) {
        return new ClasspathModelSource(resource);
    }

    /**
     * The demo model bundled with the library: a small, untrained network honouring the model
     * contract, id {@code soundmark/demo-untrained}. Its vectors depend on the audio but carry no
     * meaning: use it to try the pipeline, never to compare sounds.
     */
    static ModelSource demo() {
        return new ClasspathModelSource(DEMO_RESOURCE);
    }

    /** Class-path resource of the demo model. */
    String DEMO_RESOURCE = "io/soundmark/model/demo-untrained.pt";
}
