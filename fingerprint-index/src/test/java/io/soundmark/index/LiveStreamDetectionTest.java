package io.soundmark.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.soundmark.AudioFingerprinter;
import io.soundmark.FingerprintInput;
import io.soundmark.SoundmarkException;
import io.soundmark.io.SourceOptions;
import io.soundmark.model.ModelSource;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Monitoring a live http stream served by a real HTTP server on loopback: occurrences are reported
 * while the stream is still running, and a dropped connection is reported and reconnected, with
 * times going on from where the stream broke off.
 */
class LiveStreamDetectionTest {

    static final float[] MARK = MarkedProgram.mark(21, 2.2);

    @TempDir
    Path tmp;

    HttpServer server;
    AudioFingerprinter fingerprinter;
    SegmentIndex marks;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        fingerprinter = AudioFingerprinter.builder().model(ModelSource.demo()).segmentDurationSec(10)
                .sourceOptions(SourceOptions.defaults().withReadTimeout(Duration.ofSeconds(120))).build();
        marks = SegmentIndex.open(tmp.resolve("marks"));
        Path wav = MarkedProgram.wav(tmp.resolve("mark.wav"), MARK);
        marks.add("jingle", wav.toString(), SegmentParameters.of(fingerprinter.options()),
                fingerprinter.fingerprint(FingerprintInput.audio(wav)));
    }

    @AfterEach
    void stop() {
        server.stop(0);
        marks.close();
        fingerprinter.close();
    }

    /** A WAV header whose data size is unknown (a live stream), then 16-bit mono samples. */
    static byte[] liveWav(float[] samples) {
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(-1).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(MarkedProgram.RATE)
                .putInt(2 * MarkedProgram.RATE).putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes()).putInt(-1);
        for (float v : samples) {
            b.putShort((short) Math.round(Math.max(-1, Math.min(32767 / 32768.0, v)) * 32768));
        }
        return b.array();
    }

    static float[] slice(float[] x, double fromSec, double toSec) {
        return java.util.Arrays.copyOfRange(x, (int) Math.round(fromSec * MarkedProgram.RATE),
                (int) Math.round(toSec * MarkedProgram.RATE));
    }

    @Test
    void anOccurrenceIsReportedWhileTheStreamIsStillRunning() throws Exception {
        float[] program = MarkedProgram.splice(MarkedProgram.program(31, 30), MarkedProgram.placements(MARK, 4.62));
        CountDownLatch reported = new CountDownLatch(1);
        CountDownLatch served = new CountDownLatch(1);
        server.createContext("/live", ex -> {
            ex.sendResponseHeaders(200, 0); // chunked: no end announced
            try (OutputStream out = ex.getResponseBody()) {
                out.write(liveWav(program));
                out.flush();
                reported.await(60, TimeUnit.SECONDS); // the stream stays open until the detection arrives
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                served.countDown();
            }
        });
        List<Detection> found = new ArrayList<>();
        List<Boolean> whileOpen = new ArrayList<>();
        SoundmarkDetector.builder().marks(marks).fingerprinter(fingerprinter).build()
                .detect(FingerprintInput.audio(url("/live")), d -> {
                    found.add(d);
                    whileOpen.add(served.getCount() == 1);
                    reported.countDown();
                });
        assertEquals(1, found.size(), found.toString());
        assertEquals(4.62, found.get(0).startTimeSec(), 0.25);
        assertEquals(List.of(true), whileOpen, "reported before the stream ended");
    }

    @Test
    void aDroppedConnectionIsReportedAndReconnectedAndTimesGoOn() throws Exception {
        float[] program = MarkedProgram.splice(MarkedProgram.program(32, 40), MarkedProgram.placements(MARK, 5.31, MARK, 29.77));
        AtomicInteger connections = new AtomicInteger();
        server.createContext("/live", ex -> {
            if (connections.incrementAndGet() == 1) {
                byte[] first = liveWav(slice(program, 0, 18));
                ex.sendResponseHeaders(200, 2L * first.length); // promises more than it sends:
                OutputStream out = ex.getResponseBody();
                out.write(first);
                out.flush();
                ex.close(); // the connection drops mid-body
            } else {
                byte[] rest = MarkedProgram.wavBytes(slice(program, 18, 40));
                ex.sendResponseHeaders(200, rest.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(rest);
                }
            }
        });
        List<Detection> found = new ArrayList<>();
        List<Double> breaks = new ArrayList<>();
        DetectionSummary summary = SoundmarkDetector.builder().marks(marks).fingerprinter(fingerprinter).reconnect(2, 50).build()
                .detect(FingerprintInput.audio(url("/live")), new DetectionListener() {
                    @Override
                    public void onDetection(Detection d) {
                        found.add(d);
                    }

                    @Override
                    public void onInterruption(SoundmarkException cause, double atSec, boolean reconnecting) {
                        assertTrue(reconnecting);
                        breaks.add(atSec);
                    }
                });
        assertEquals(1, breaks.size());
        assertEquals(18.0, breaks.get(0), 0.5);
        assertEquals(1, summary.reconnects());
        assertEquals(2, found.size(), found.toString());
        assertEquals(5.31, found.get(0).startTimeSec(), 0.25);
        assertEquals(29.77, found.get(1).startTimeSec(), 0.6, "times go on from the break");
        assertFalse(found.get(1).startTimeSec() < 20);
    }

    private String url(String path) {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + path;
    }
}
