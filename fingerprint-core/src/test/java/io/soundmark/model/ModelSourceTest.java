package io.soundmark.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.soundmark.AudioFingerprinter;
import io.soundmark.FingerprintInput;
import io.soundmark.ModelException;
import io.soundmark.SegmentEmbedding;
import io.soundmark.TestFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model sources: files and directories, URLs downloaded once into a verified cache, presets, ONNX. */
class ModelSourceTest {

    static HttpServer server;
    static String base;
    static final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    static byte[] probe;
    static String probeSha;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        probe = Files.readAllBytes(TestFiles.resource("models/probe.pt"));
        probeSha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(probe));
        String manifest = Files.readString(TestFiles.resource("models/probe.json")).replaceFirst("\\{",
                "{\"sha256\": \"" + probeSha + "\",");
        String lying = Files.readString(TestFiles.resource("models/probe.json")).replaceFirst("\\{",
                "{\"sha256\": \"" + "0".repeat(64) + "\",");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        serve("/good/model.pt", probe, 300);
        serve("/good/model.pt.json", manifest.getBytes(StandardCharsets.UTF_8), 0);
        serve("/corrupt/model.pt", probe, 0);
        serve("/corrupt/model.json", lying.getBytes(StandardCharsets.UTF_8), 0);
        serve("/unverified/model.pt", probe, 0);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    static void serve(String path, byte[] body, long delayMs) {
        server.createContext(path, ex -> {
            if (!ex.getRequestURI().getPath().equals(path)) { // contexts match by prefix
                ex.sendResponseHeaders(404, -1);
                ex.close();
                return;
            }
            hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            try {
                Thread.sleep(delayMs); // a slow first download, so that concurrent users overlap
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    static float[] embed(ModelSource source) {
        float[] wave = TestFiles.readF32(TestFiles.resource("audio/mono_s16_22k.f32"));
        try (AudioFingerprinter f = AudioFingerprinter.builder().model(source).normalizeEmbeddings(false).build()) {
            List<SegmentEmbedding> records = f.fingerprint(FingerprintInput.pcm(wave, 22050, 1));
            return records.get(0).embedding();
        }
    }

    static long filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals(".lock")).count();
        }
    }

    @Test
    void fourConcurrentFirstUsersDownloadOnce() throws Exception {
        ModelCache cache = ModelCache.at(tmp);
        URI url = URI.create(base + "/good/model.pt");
        int before = hits.computeIfAbsent("/good/model.pt", p -> new AtomicInteger()).get();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<float[]>> users = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                users.add(pool.submit(() -> {
                    start.await();
                    return embed(ModelSource.url(url, null, cache));
                }));
            }
            start.countDown();
            float[] first = users.get(0).get();
            for (Future<float[]> user : users) {
                assertArrayEquals(first, user.get());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(before + 1, hits.get("/good/model.pt").get(), "one download");
        assertArrayEquals(embed(ModelSource.file(TestFiles.resource("models/probe.pt"))), embed(ModelSource.url(url, null, cache)));
        assertEquals(before + 1, hits.get("/good/model.pt").get(), "later uses read the cache");
        assertEquals("soundmark/test-probe", ModelSource.url(url, null, cache).manifest().id());
    }

    @Test
    void aCorruptDownloadIsRejectedAndNotCached() throws IOException {
        ModelException e = assertThrows(ModelException.class, () -> AudioFingerprinter.builder()
                .model(ModelSource.url(URI.create(base + "/corrupt/model.pt"), null, ModelCache.at(tmp))).build());
        assertTrue(e.getMessage().contains("does not match its SHA-256"), e.getMessage());
        assertTrue(e.getMessage().contains("nothing was cached"), e.getMessage());
        try (Stream<Path> files = Files.walk(tmp)) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().equals("model.pt")), "no model in the cache");
        }
    }

    @Test
    void theCallersHashAlsoVerifies() {
        ModelSource wrong = ModelSource.url(URI.create(base + "/unverified/model.pt"), "1".repeat(64), ModelCache.at(tmp));
        assertThrows(ModelException.class, () -> AudioFingerprinter.builder().model(wrong).build());
        ModelSource right = ModelSource.url(URI.create(base + "/unverified/model.pt"), probeSha, ModelCache.at(tmp));
        assertEquals(512, embed(right).length);
    }

    @Test
    void aPinnedHashIsCheckedOnCacheHitsToo() throws IOException {
        URI url = URI.create(base + "/good/model.pt");
        embed(ModelSource.url(url, null, ModelCache.at(tmp))); // cached, verified by the published manifest
        ModelException wrongPin = assertThrows(ModelException.class, () -> AudioFingerprinter.builder()
                .model(ModelSource.url(url, "1".repeat(64), ModelCache.at(tmp).withOffline(true))).build());
        assertTrue(wrongPin.getMessage().contains("does not match the pinned SHA-256 " + "1".repeat(64)),
                wrongPin.getMessage());
        Path cached;
        try (Stream<Path> files = Files.walk(tmp)) {
            cached = files.filter(f -> f.getFileName().toString().equals("model.pt")).findFirst().orElseThrow();
        }
        Files.write(cached, new byte[] {1, 2, 3}); // tampered with after verification
        Files.delete(cached.resolveSibling("model.pt.sha256"));
        int before = hits.get("/good/model.pt").get();
        assertEquals(512, embed(ModelSource.url(url, probeSha, ModelCache.at(tmp))).length);
        assertEquals(before + 1, hits.get("/good/model.pt").get(), "the tampered copy was downloaded again");
    }

    @Test
    void anUnverifiableDownloadIsRefused() {
        ModelException e = assertThrows(ModelException.class, () -> AudioFingerprinter.builder()
                .model(ModelSource.url(URI.create(base + "/unverified/model.pt"), null, ModelCache.at(tmp))).build());
        assertTrue(e.getMessage().contains("no SHA-256 to verify"), e.getMessage());
    }

    @Test
    void offlineModeRefusesToDownloadButUsesTheCache() throws IOException {
        URI url = URI.create(base + "/good/model.pt");
        ModelException e = assertThrows(ModelException.class, () -> AudioFingerprinter.builder()
                .model(ModelSource.url(url, null, ModelCache.at(tmp).withOffline(true))).build());
        assertTrue(e.getMessage().startsWith("offline mode: " + url + " is not in the model cache"), e.getMessage());
        assertEquals(0, filesIn(tmp), "nothing written");
        embed(ModelSource.url(url, null, ModelCache.at(tmp)));
        assertEquals(512, embed(ModelSource.url(url, null, ModelCache.at(tmp).withOffline(true))).length);
    }

    @Test
    void anUnconfiguredPresetSaysHowToGetTheModel() {
        ModelException e = assertThrows(ModelException.class, () -> AudioFingerprinter.builder().build());
        assertTrue(e.getMessage().startsWith("model laion/clap-htsat-tiny is not configured"), e.getMessage());
        assertTrue(e.getMessage().contains("model-export/export.py") && e.getMessage().contains("SOUNDMARK_MODEL"));
    }

    @Test
    void aConfiguredPresetResolvesThroughTheSystemProperty() {
        System.setProperty("soundmark.model", TestFiles.resource("models/probe.pt").toString());
        try {
            assertEquals("soundmark/test-probe", AudioFingerprinter.builder().build().modelManifest().id());
            assertEquals("soundmark/test-probe", ModelSource.of("laion/clap-htsat-tiny").manifest().id());
        } catch (IOException e) {
            throw new AssertionError(e);
        } finally {
            System.clearProperty("soundmark.model");
        }
    }

    @Test
    void aDirectoryHoldsTheModelAndItsManifest() throws IOException {
        Files.copy(TestFiles.resource("models/probe.pt"), tmp.resolve("model.pt"));
        Files.copy(TestFiles.resource("models/probe.json"), tmp.resolve("model.json"));
        assertEquals("soundmark/test-probe", ModelSource.file(tmp).manifest().id());
        assertArrayEquals(embed(ModelSource.file(TestFiles.resource("models/probe.pt"))), embed(ModelSource.file(tmp)));
    }

    @Test
    void onnxModelsRunOnOnnxRuntimeWithTheSameContract() throws IOException {
        ModelSource onnx = ModelSource.file(TestFiles.resource("models/probe.onnx"));
        assertEquals(ModelManifest.ONNX_RUNTIME, onnx.manifest().engine());
        assertArrayEquals(embed(ModelSource.file(TestFiles.resource("models/probe.pt"))), embed(onnx));
    }

    @Test
    void theDemoModelGivesTheSameVectorsAsTorchScriptAndAsOnnx() {
        float[] wave = TestFiles.readF32(TestFiles.resource("audio/mono_s16_22k.f32"));
        FingerprintInput in = FingerprintInput.pcm(java.util.Arrays.copyOf(wave, 22050 * 3), 22050, 1);
        try (AudioFingerprinter pt = AudioFingerprinter.builder().model(ModelSource.demo()).build();
             AudioFingerprinter onnx = AudioFingerprinter.builder()
                     .model(ModelSource.file(TestFiles.resource("models/demo-untrained.onnx"))).build()) {
            SegmentEmbedding a = pt.fingerprint(in).get(0);
            SegmentEmbedding b = onnx.fingerprint(FingerprintInput.pcm(java.util.Arrays.copyOf(wave, 22050 * 3), 22050, 1)).get(0);
            assertTrue(a.cosineSimilarity(b) >= 0.9999, "cosine " + a.cosineSimilarity(b));
        }
    }

    @Test
    void modelsFromStrings() throws IOException {
        assertEquals("soundmark/demo-untrained", ModelSource.of("demo").manifest().id());
        assertEquals("soundmark/test-probe", ModelSource.of(TestFiles.resource("models/probe.pt").toString()).manifest().id());
        assertEquals("soundmark/demo-untrained", ModelSource.of("classpath:" + ModelSource.DEMO_RESOURCE).manifest().id());
    }
}
