package io.soundmark.internal.model;

import io.soundmark.model.EmbeddingModel;
import io.soundmark.model.ModelCache;
import io.soundmark.model.ModelManifest;
import io.soundmark.model.ModelSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A model at an http(s) URL, downloaded once into a {@link ModelCache}. The manifest is looked for
 * beside the model ({@code model.pt} → {@code model.pt.json}, then {@code model.json}). The model is
 * verified against the caller's SHA-256 or the manifest's, written to a temporary file and moved
 * into place only when it matches, so the cache never holds a partial or corrupt model. A file lock
 * (across JVMs) and a per-directory monitor (across threads) make concurrent first uses download once.
 */
public final class UrlModelSource implements ModelSource {

    private static final Map<Path, Object> LOCKS = new ConcurrentHashMap<>();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final URI url;
    private final String expectedSha256;
    private final ModelCache cache;
    private final Path dir;
    private final String fileName;

    public UrlModelSource(URI url, String sha256, ModelCache cache) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("model URL must be http or https: " + url);
        }
        this.url = url;
        this.expectedSha256 = sha256 == null ? null : sha256.toLowerCase(java.util.Locale.ROOT);
        this.cache = cache;
        String path = url.getPath() == null ? "" : url.getPath();
        String name = path.substring(path.lastIndexOf('/') + 1);
        this.fileName = name.isEmpty() ? "model.pt" : name;
        this.dir = cache.directory().resolve("models").resolve(sha256Hex(url.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 32));
    }

    @Override
    public String name() {
        return io.soundmark.io.DisplayUri.of(url);
    }

    @Override
    public ModelManifest manifest() throws IOException {
        ensureCached();
        Path manifest = dir.resolve("manifest.json");
        return Files.exists(manifest) ? ModelManifest.read(manifest) : ModelManifest.forModelFile(fileName);
    }

    @Override
    public EmbeddingModel load(ModelManifest manifest, String device) throws IOException {
        ensureCached();
        Path model = dir.resolve(fileName);
        return DjlEmbeddingModel.load(name(), manifest, device, m -> m.load(model.toAbsolutePath()));
    }

    /** Downloads the manifest and the model unless they are cached; verifies the model. */
    private void ensureCached() throws IOException {
        Path model = dir.resolve(fileName);
        if (Files.isRegularFile(model) && matchesPin(model)) {
            return;
        }
        if (cache.offline()) {
            if (Files.isRegularFile(model)) {
                throw new IOException("offline mode: the cached copy of " + name() + " in " + dir
                        + " does not match the pinned SHA-256 " + expectedSha256);
            }
            throw new IOException("offline mode: " + name() + " is not in the model cache " + dir
                    + "; run once with downloads allowed, or copy the model and its manifest there");
        }
        Files.createDirectories(dir);
        synchronized (LOCKS.computeIfAbsent(dir, d -> new Object())) {
            try (FileChannel lockFile = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock ignored = lockFile.lock()) {
                if (Files.isRegularFile(model) && matchesPin(model)) {
                    return; // another thread or process finished the download while we waited
                }
                ModelManifest manifest = downloadManifest();
                String expected = expectedSha256 != null ? expectedSha256 : manifest == null ? null : manifest.sha256();
                if (expected == null) {
                    throw new IOException("no SHA-256 to verify the download against: give one, or publish a manifest "
                            + "with a sha256 field beside the model");
                }
                Path temp = Files.createTempFile(dir, ".download-", ".part");
                try {
                    String actual = download(url, temp);
                    if (!actual.equals(expected)) {
                        throw new IOException("download does not match its SHA-256 (expected " + expected + ", got "
                                + actual + "); nothing was cached");
                    }
                    Files.writeString(dir.resolve(fileName + ".sha256"), actual); // before the model: a model never lacks it
                    move(temp, model);
                } finally {
                    Files.deleteIfExists(temp);
                }
            }
        }
    }

    /**
     * Whether the cached model is the one the caller pinned (always, without a pin). The digest
     * recorded when it was verified is compared first; the file is hashed again only when that
     * record differs or is missing, and a mismatch means the model is downloaded again.
     */
    private boolean matchesPin(Path model) throws IOException {
        if (expectedSha256 == null) {
            return true;
        }
        Path recorded = dir.resolve(fileName + ".sha256");
        if (Files.isRegularFile(recorded) && Files.readString(recorded).trim().equals(expectedSha256)) {
            return true;
        }
        MessageDigest sha = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(model), sha)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(sha.digest()).equals(expectedSha256);
    }

    /** The manifest beside the model, cached as manifest.json; null when the server has none. */
    private ModelManifest downloadManifest() throws IOException {
        String path = url.getPath() == null ? "" : url.getPath();
        String base = path.contains(".") ? path.substring(0, path.lastIndexOf('.')) : path;
        for (String candidate : new String[] {path + ".json", base + ".json"}) {
            URI manifestUrl = url.resolve(candidate);
            Path temp = Files.createTempFile(dir, ".manifest-", ".part");
            try {
                if (fetch(manifestUrl, temp)) {
                    ModelManifest m;
                    try (Reader r = new InputStreamReader(Files.newInputStream(temp), StandardCharsets.UTF_8)) {
                        m = ModelManifest.parse(r);
                    }
                    move(temp, dir.resolve("manifest.json"));
                    return m;
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        }
        return null;
    }

    /** Downloads into {@code target}; returns the body's SHA-256. */
    private static String download(URI from, Path target) throws IOException {
        MessageDigest sha = sha256();
        if (!fetch(from, target, sha)) {
            throw new IOException("HTTP 404 from " + io.soundmark.io.DisplayUri.of(from));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static boolean fetch(URI from, Path target) throws IOException {
        return fetch(from, target, sha256());
    }

    /** GETs {@code from} into {@code target}; false on 404, an exception on other failures. */
    private static boolean fetch(URI from, Path target, MessageDigest sha) throws IOException {
        HttpResponse<InputStream> response;
        try {
            response = HTTP.send(HttpRequest.newBuilder(from).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (java.net.ConnectException e) {
            throw new IOException("connection refused by " + io.soundmark.io.DisplayUri.of(from), e);
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() == 404) {
                return false;
            }
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode() + " from " + io.soundmark.io.DisplayUri.of(from));
            }
            try (InputStream in = new DigestInputStream(body, sha)) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return true;
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static String sha256Hex(byte[] data) {
        return HexFormat.of().formatHex(sha256().digest(data));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
