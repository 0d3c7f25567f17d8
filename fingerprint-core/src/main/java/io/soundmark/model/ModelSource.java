package io.soundmark.model;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where a model and its manifest come from.
 *
 * <pre>{@code
 * ModelSource.file(Path.of("models/clap-htsat-unfused.pt"));   // manifest: models/clap-htsat-unfused.json
 * ModelSource.demo();                                          // bundled untrained demo model
 * }</pre>
 */
public interface ModelSource {

    /** The model as named in messages. */
    String name();

    /** Reads the model's manifest (or the default manifest when it has none); cheap, no native code. */
    ModelManifest manifest() throws IOException;

    /**
     * Loads the model for inference on {@code device} ({@code "cpu"}, {@code "gpu"}, {@code "gpu:1"}).
     *
     * @throws IOException when the model cannot be read or loaded
     */
    EmbeddingModel load(ModelManifest manifest, String device) throws IOException;

    /**
     * A TorchScript file; its manifest is the {@code .json} file of the same base name beside it,
     * or, when there is none, the settings of {@code laion/clap-htsat-unfused}.
     */
    static ModelSource file(Path model) {
        return new FileModelSource(model);
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
