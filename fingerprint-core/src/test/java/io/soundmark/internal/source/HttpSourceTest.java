package io.soundmark.internal.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.soundmark.AudioFingerprinter;
import io.soundmark.DecodedAudio;
import io.soundmark.FingerprintInput;
import io.soundmark.FingerprintWarning;
import io.soundmark.MediaException;
import io.soundmark.SegmentEmbedding;
import io.soundmark.TestFiles;
import io.soundmark.io.MediaSource;
import io.soundmark.io.SourceOptions;
import io.soundmark.model.ModelSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** http(s) inputs against a real HTTP server on loopback: media, redirects, errors, stalls and huge bodies. */
class HttpSourceTest {

    static HttpServer server;
    static String base;
    static byte[] wav;
    static Path wavFile;

    @TempDir
    static Path dir;

    private AudioFingerprinter fingerprinter;
    private long tempFilesBefore;

    @BeforeAll
    static void start() throws IOException {
        wavFile = TestFiles.writeWav16(dir.resolve("twelve.wav"), 44100, 2, 12 * 44100, TestFiles.noise(0.3, 11));
        wav = Files.readAllBytes(wavFile);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/media.wav", ex -> send(ex, 200, wav));
        server.createContext("/missing.wav", ex -> send(ex, 404, "not here".getBytes()));
        server.createContext("/broken.wav", ex -> send(ex, 500, "oops".getBytes()));
        server.createContext("/redirect/", ex -> {
            int hops = Integer.parseInt(ex.getRequestURI().getPath().substring("/redirect/".length()));
            redirect(ex, hops == 0 ? "/media.wav" : "/redirect/" + (hops - 1));
        });
        server.createContext("/to-file", ex -> redirect(ex, "file:///etc/passwd"));
        server.createContext("/stall-headers", ex -> sleep(10_000));
        server.createContext("/stall-body", ex -> {
            ex.sendResponseHeaders(200, wav.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(wav, 0, 100_000);
                out.flush();
                sleep(10_000);
            } catch (IOException closedByClient) {
                // the client gave up, as it should
            }
        });
        server.createContext("/truncated.wav", ex -> {
            ex.sendResponseHeaders(200, wav.length);
            OutputStream out = ex.getResponseBody();
            out.write(wav, 0, wav.length / 3);
            out.flush();
            ex.close(); // closes the connection early: fewer bytes than Content-Length
        });
        server.createContext("/huge-declared", ex -> {
            ex.getResponseHeaders().add("Content-Length", String.valueOf(1L << 30));
            ex.sendResponseHeaders(200, 1L << 30);
            ex.close();
        });
        server.createContext("/gigabyte", ex -> {
            ex.sendResponseHeaders(200, 0); // chunked, size unknown up front
            byte[] chunk = new byte[1 << 16];
            try (OutputStream out = ex.getResponseBody()) {
                for (long sent = 0; sent < (1L << 30); sent += chunk.length) {
                    out.write(chunk);
                }
            } catch (IOException closedByClient) {
                // expected when the client stops at its limit
            }
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    static void send(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    static void redirect(HttpExchange ex, String location) throws IOException {
        ex.getResponseHeaders().add("Location", location);
        ex.sendResponseHeaders(302, -1);
        ex.close();
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static long soundmarkTempFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(f -> f.getFileName().toString().startsWith("soundmark")).count();
        }
    }

    private final List<FingerprintWarning> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void open() throws IOException {
        warnings.clear();
        fingerprinter = builder().onWarning(warnings::add).build();
        tempFilesBefore = soundmarkTempFiles();
    }

    @AfterEach
    void close() throws IOException {
        fingerprinter.close();
        assertEquals(tempFilesBefore, soundmarkTempFiles(), "no temporary file left behind");
    }

    private static AudioFingerprinter.Builder builder() {
        return AudioFingerprinter.builder().model(ModelSource.demo())
                .sourceOptions(SourceOptions.defaults().withReadTimeout(Duration.ofSeconds(1))
                        .withConnectTimeout(Duration.ofSeconds(1)).withMaxBytes(100L << 20));
    }

    private MediaException fails(String url, String cause) {
        return fails(fingerprinter, url, cause);
    }

    private static MediaException fails(AudioFingerprinter fingerprinter, String url, String cause) {
        long start = System.nanoTime();
        MediaException e = assertThrows(MediaException.class, () -> fingerprinter.fingerprint(FingerprintInput.audio(url)));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(seconds < 3, url + " took " + seconds + " s");
        assertTrue(e.getMessage().startsWith(url + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(cause), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        return e;
    }

    @Test
    void aUrlGivesTheSameRecordsAsThePath() {
        List<SegmentEmbedding> fromPath = fingerprinter.fingerprint(FingerprintInput.audio(wavFile));
        List<SegmentEmbedding> fromUrl = fingerprinter.fingerprint(FingerprintInput.audio(base + "/media.wav"));
        assertEquals(fromPath.size(), fromUrl.size());
        for (int i = 0; i < fromPath.size(); i++) {
            SegmentEmbedding a = fromPath.get(i);
            SegmentEmbedding b = fromUrl.get(i);
            assertEquals(a.startTimeSec(), b.startTimeSec());
            assertEquals(a.endTimeSec(), b.endTimeSec());
            assertEquals(a.totalDurationSec(), b.totalDurationSec());
            assertEquals(java.util.Arrays.toString(a.embedding()), java.util.Arrays.toString(b.embedding()));
        }
    }

    @Test
    void redirectsAreFollowedUpToFive() {
        assertEquals(4, fingerprinter.fingerprint(FingerprintInput.audio(base + "/redirect/4")).size());
        fails(base + "/redirect/5", "more than 5 redirects");
    }

    @Test
    void aRedirectToAnotherSchemeIsRefused() {
        fails(base + "/to-file", "redirect to file:/etc/passwd refused");
    }

    @Test
    void httpErrorsNameTheStatus() {
        fails(base + "/missing.wav", "HTTP 404");
        fails(base + "/broken.wav", "HTTP 500");
    }

    @Test
    void aRefusedConnectionIsNamed() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        fails("http://127.0.0.1:" + port + "/a.wav", "connection refused");
    }

    @Test
    void aServerThatNeverAnswersTimesOut() {
        fails(base + "/stall-headers", "no response within 1 s");
    }

    @Test
    void aBodyThatStallsKeepsWhatArrivedAndWarnsOfTheTimeout() {
        keepsWhatArrived(base + "/stall-body", "no data for 1 s");
    }

    @Test
    void aBodyLargerThanTheLimitIsRefusedUpFront() {
        fails(base + "/huge-declared", "Content-Length 1073741824 is larger than the download limit of 104857600 bytes");
    }

    @Test
    void aTruncatedBodyKeepsWhatArrivedAndWarnsOfTheCut() {
        keepsWhatArrived(base + "/truncated.wav", "connection");
    }

    /** A body that breaks off is a partial decode: a warning by default, an error in strict mode. */
    private void keepsWhatArrived(String url, String cause) {
        List<SegmentEmbedding> records = fingerprinter.fingerprint(FingerprintInput.audio(url));
        assertFalse(records.isEmpty());
        assertEquals(1, warnings.size(), warnings.toString());
        String warning = warnings.get(0).toString();
        assertTrue(warning.startsWith(url + ": decoding stopped at "), warning);
        assertTrue(warning.contains(cause), warning);
        try (AudioFingerprinter strict = builder().strict(true).build()) {
            assertTrue(fails(strict, url, cause).getMessage().contains("decoding stopped at"));
        }
        // readers of the audio itself see the same early stop by the time they reach the end
        try (DecodedAudio audio = fingerprinter.openAudio(FingerprintInput.audio(url))) {
            assertNull(audio.earlyStop());
            float[] buffer = new float[4800];
            while (audio.read(buffer, 0, buffer.length) > 0) {
                // reading on to the end
            }
            assertTrue(audio.earlyStop().startsWith("decoding stopped at "), audio.earlyStop());
            assertTrue(audio.earlyStop().contains(cause), audio.earlyStop());
        }
    }

    @Test
    void credentialsAndQueryStringsStayOutOfMessages() {
        String url = base.replace("http://", "http://user:secret@") + "/missing.wav?X-Amz-Signature=abc";
        MediaException e = assertThrows(MediaException.class, () -> fingerprinter.fingerprint(FingerprintInput.audio(url)));
        assertTrue(e.getMessage().startsWith(base + "/missing.wav: HTTP 404"), e.getMessage());
    }

    @Test
    void aGigabyteBodyStreamsThroughTheLimitInBoundedMemory() throws IOException {
        Runtime rt = Runtime.getRuntime();
        SourceOptions twoGig = SourceOptions.defaults();
        MediaSource source = new HttpMediaSourceProvider().open(URI.create(base + "/gigabyte"), twoGig);
        long read = 0;
        long peakUsed = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = source.openStream()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                read += n;
                if ((read & ((1 << 26) - 1)) == 0) {
                    peakUsed = Math.max(peakUsed, rt.totalMemory() - rt.freeMemory());
                }
            }
        }
        assertEquals(1L << 30, read);
        assertTrue(rt.maxMemory() < (1L << 30) + (1L << 29), "the test heap is smaller than the body");
        assertTrue(peakUsed < rt.maxMemory(), "peak heap " + (peakUsed >> 20) + " MiB");

        SourceOptions small = SourceOptions.defaults().withMaxBytes(5L << 20);
        MediaSource limited = new HttpMediaSourceProvider().open(URI.create(base + "/gigabyte"), small);
        IOException e = assertThrows(IOException.class, () -> {
            try (InputStream in = limited.openStream()) {
                while (in.read(buffer) >= 0) {
                    // read until the limit trips
                }
            }
        });
        assertEquals("larger than the download limit of 5242880 bytes", e.getMessage());
    }

    @Test
    void schemesCanBeForbidden() throws IOException {
        try (AudioFingerprinter httpsOnly = AudioFingerprinter.builder().model(ModelSource.demo())
                .sourceOptions(SourceOptions.defaults().withAllowedSchemes(java.util.Set.of("https", "file"))).build()) {
            MediaException e = assertThrows(MediaException.class,
                    () -> httpsOnly.fingerprint(FingerprintInput.audio(base + "/media.wav")));
            assertTrue(e.getMessage().contains("the scheme \"http:\" is not allowed (allowed schemes: file, https)"),
                    e.getMessage());
        }
    }

    @Test
    void withoutFileAmongTheAllowedSchemesNoFormOfLocalInputIsRead() {
        try (AudioFingerprinter httpsOnly = AudioFingerprinter.builder().model(ModelSource.demo())
                .sourceOptions(SourceOptions.defaults().withAllowedSchemes(java.util.Set.of("https"))).build()) {
            for (FingerprintInput local : List.of(FingerprintInput.audio(wavFile.toString()), FingerprintInput.audio(wavFile),
                    FingerprintInput.audio(wavFile.toUri().toString()))) {
                MediaException e = assertThrows(MediaException.class, () -> httpsOnly.fingerprint(local));
                assertTrue(e.getMessage().contains("not allowed (allowed schemes: https)"), e.getMessage());
            }
        }
    }

    @Test
    void localFilesLargerThanTheLimitAreRefused() {
        try (AudioFingerprinter small = AudioFingerprinter.builder().model(ModelSource.demo())
                .sourceOptions(SourceOptions.defaults().withMaxBytes(1000)).build()) {
            MediaException e = assertThrows(MediaException.class, () -> small.fingerprint(FingerprintInput.audio(wavFile)));
            assertTrue(e.getMessage().endsWith("bytes are more than the limit of 1000 bytes"), e.getMessage());
        }
    }
}
