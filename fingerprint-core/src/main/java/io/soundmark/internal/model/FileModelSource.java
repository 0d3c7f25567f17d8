package io.soundmark.internal.model;

import io.soundmark.model.EmbeddingModel;
import io.soundmark.model.ModelManifest;
import io.soundmark.model.ModelSource;
import io.soundmark.model.Precision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * A model file on disk with an optional manifest beside it, and the precision variants beside it
 * ({@code model-bf16.pt}, {@code model-int8.pt}).
 */
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
        return manifestOf(mainFile());
    }

    @Override
    public Set<Precision> precisions() throws IOException {
        return variantFiles().keySet();
    }

    @Override
    public ModelManifest manifest(Precision precision) throws IOException {
        Path file = variantFiles().get(precision);
        if (file == null) {
            throw new IOException(Variants.missing(this, precision));
        }
        return manifestOf(file);
    }

    @Override
    public EmbeddingModel load(ModelManifest manifest, String device) throws IOException {
        Path file = variantFiles().get(manifest.precision());
        if (file == null) {
            throw new IOException(Variants.missing(this, manifest.precision()));
        }
        return DjlEmbeddingModel.load(name() + (file.equals(mainFile()) ? "" : " (" + file.getFileName() + ")"),
                manifest, device, m -> m.load(file.toAbsolutePath()));
    }

    /** Each variant's file, by the precision its manifest states: the main file and its siblings. */
    private Map<Precision, Path> variantFiles() throws IOException {
        Path main = mainFile();
        Map<Precision, Path> files = new EnumMap<>(Precision.class);
        files.put(manifestOf(main).precision(), main);
        String name = main.getFileName().toString();
        if (!Variants.isVariantName(name)) {
            for (Precision p : new Precision[] {Precision.BF16, Precision.INT8}) {
                Path sibling = main.resolveSibling(Variants.fileName(name, p));
                if (Files.isRegularFile(sibling)) {
                    files.putIfAbsent(manifestOf(sibling).precision(), sibling);
                }
            }
        }
        return files;
    }

    /** The model file itself: the path, or model.pt / model.onnx in a directory. */
    private Path mainFile() throws IOException {
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

    private static ModelManifest manifestOf(Path file) throws IOException {
        for (Path json : manifestCandidates(file)) {
            if (Files.exists(json)) {
                return ModelManifest.read(json);
            }
        }
        return ModelManifest.forModelFile(file.getFileName().toString());
    }

    /** {@code dir/model.pt} → {@code dir/model.pt.json}, then {@code dir/model.json}. */
    private static Path[] manifestCandidates(Path model) {
        String file = model.getFileName().toString();
        int dot = file.lastIndexOf('.');
        return new Path[] {model.resolveSibling(file + ".json"),
                model.resolveSibling((dot > 0 ? file.substring(0, dot) : file) + ".json")};
    }
}
