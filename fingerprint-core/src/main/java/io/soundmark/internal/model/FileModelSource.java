package io.soundmark.internal.model;

import io.soundmark.model.EmbeddingModel;
import io.soundmark.model.ModelManifest;
import io.soundmark.model.ModelSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A model file on disk with an optional manifest beside it. */
public final class FileModelSource implements ModelSource {

    private final Path model;

    public FileModelSource(Path model) {
        this.model = model;
    }

    @Override
    public String name() {
        return model.toString();
    }

    @Override
    public ModelManifest manifest() throws IOException {
        Path file = modelFile();
        for (Path json : manifestCandidates(file)) {
            if (Files.exists(json)) {
                return ModelManifest.read(json);
            }
        }
        return ModelManifest.forModelFile(file.getFileName().toString());
    }

    @Override
    public EmbeddingModel load(ModelManifest manifest, String device) throws IOException {
        Path file = modelFile();
        return DjlEmbeddingModel.load(name(), manifest, device, m -> m.load(file.toAbsolutePath()));
    }

    /** The model file itself: the path, or model.pt / model.onnx in a directory. */
    private Path modelFile() throws IOException {
        if (Files.isDirectory(model)) {
            for (String name : new String[] {"model.pt", "model.onnx"}) {
                if (Files.isRegularFile(model.resolve(name))) {
                    return model.resolve(name);
                }
            }
            throw new IOException("model directory " + model + " holds neither model.pt nor model.onnx");
        }
        if (!Files.isRegularFile(model)) {
            throw new IOException("model file " + model + ": " + (Files.exists(model) ? "not a regular file" : "no such file"));
        }
        return model;
    }

    /** {@code dir/model.pt} → {@code dir/model.pt.json}, then {@code dir/model.json}. */
    static Path[] manifestCandidates(Path model) {
        String file = model.getFileName().toString();
        int dot = file.lastIndexOf('.');
        return new Path[] {model.resolveSibling(file + ".json"),
                model.resolveSibling((dot > 0 ? file.substring(0, dot) : file) + ".json")};
    }
}
