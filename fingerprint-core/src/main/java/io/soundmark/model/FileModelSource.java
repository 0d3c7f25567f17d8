package io.soundmark.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A model file on disk with an optional manifest beside it. */
final class FileModelSource implements ModelSource {

    private final Path model;

    FileModelSource(Path model) {
        this.model = model;
    }

    @Override
    public String name() {
        return model.toString();
    }

    @Override
    public ModelManifest manifest() throws IOException {
        if (!Files.isRegularFile(model)) {
            throw new IOException("model file " + model + ": " + (Files.exists(model) ? "not a regular file" : "no such file"));
        }
        Path json = manifestPath(model);
        return Files.exists(json) ? ModelManifest.read(json) : ModelManifest.clapHtsatTiny();
    }

    @Override
    public EmbeddingModel load(ModelManifest manifest, String device) throws IOException {
        return DjlEmbeddingModel.load(name(), manifest, device, m -> m.load(model.toAbsolutePath()));
    }

    /** {@code dir/name.pt} → {@code dir/name.json}. */
    static Path manifestPath(Path model) {
        String file = model.getFileName().toString();
        int dot = file.lastIndexOf('.');
        return model.resolveSibling((dot > 0 ? file.substring(0, dot) : file) + ".json");
    }
}
