package io.soundmark.internal.model;

import io.soundmark.model.EmbeddingModel;
import io.soundmark.model.ModelManifest;
import io.soundmark.model.ModelSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A model packaged as a class-path resource, manifest beside it. */
public final class ClasspathModelSource implements ModelSource {

    private final String resource;

    public ClasspathModelSource(String resource) {
        this.resource = resource.startsWith("/") ? resource.substring(1) : resource;
    }

    @Override
    public String name() {
        return "classpath:" + resource;
    }

    @Override
    public ModelManifest manifest() throws IOException {
        open(resource).close(); // fail here, before any native code, when the model is missing
        String json = resource.replaceFirst("\\.[^./]*$", "") + ".json";
        InputStream in = loader().getResourceAsStream(json);
        if (in == null) {
            return ModelManifest.forModelFile(resource);
        }
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return ModelManifest.parse(r);
        } catch (IOException e) {
            throw new IOException("model manifest classpath:" + json + ": " + e.getMessage(), e);
        }
    }

    @Override
    public EmbeddingModel load(ModelManifest manifest, String device) throws IOException {
        return DjlEmbeddingModel.load(name(), manifest, device, m -> {
            try (InputStream in = open(resource)) {
                m.load(in);
            }
            deleteScratchDirectory(m.getModelPath());
        });
    }

    /**
     * DJL's PyTorch engine makes an empty {@code pt-model*} directory in the temporary directory
     * for a model loaded from a stream and deletes it only when the JVM exits (never, after a
     * SIGKILL); the model does not need it once loaded.
     */
    private static void deleteScratchDirectory(Path dir) {
        if (dir != null && dir.getFileName() != null && dir.getFileName().toString().startsWith("pt-model")
                && dir.toAbsolutePath().startsWith(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath())) {
            try {
                Files.deleteIfExists(dir);
            } catch (IOException ignored) {
                // not empty after all, or already gone: DJL's own exit hook remains
            }
        }
    }

    private InputStream open(String name) throws IOException {
        InputStream in = loader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException("model resource classpath:" + name + " not found");
        }
        return in;
    }

    private static ClassLoader loader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : ClasspathModelSource.class.getClassLoader();
    }
}
