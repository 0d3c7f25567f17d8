package io.soundmark.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.soundmark.TestFiles;
import io.soundmark.index.Detection;
import io.soundmark.index.DetectionSummary;
import io.soundmark.index.SearchHit;
import io.soundmark.model.ModelSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's index and detection examples run and do what they say, with the demo model on generated audio. */
class IndexExamplesTest {

    @TempDir
    Path tmp;

    @Test
    void searchArchiveFindsTheClipsOwnWindowsFirst() throws IOException {
        Path a = GeneratedMarks.programWav(tmp.resolve("a.wav"), true);
        Path b = GeneratedMarks.programWav(tmp.resolve("b.wav"), false);
        // the clip is a.wav's window from 12.5 s, the one that holds mark B whole
        long from = Math.round(12.5 * GeneratedMarks.RATE);
        Path clip = TestFiles.writeWav16(tmp.resolve("clip.wav"), GeneratedMarks.RATE, 1, 5L * GeneratedMarks.RATE,
                (f, c) -> GeneratedMarks.program(from + f, true));
        List<SearchHit> hits = SearchArchive.indexAndSearch(List.of(a, b), clip, tmp.resolve("index"), ModelSource.demo());
        assertTrue(hits.size() >= 1 && hits.size() <= 3, hits.toString());
        SearchHit best = hits.get(0);
        assertEquals("a.wav", best.sourceId(), "only a.wav holds mark B");
        assertEquals(12.5, best.startTimeSec(), 1e-9, best.toString());
        assertEquals(1.0, best.score(), 1e-5, "the same audio: the same vector");
    }

    @Test
    void detectMarksReportsEachOccurrenceWithItsTimes() throws IOException {
        List<Path> marks = List.of(GeneratedMarks.markWav(tmp.resolve("logo-a.wav"), 0), GeneratedMarks.markWav(tmp.resolve("logo-b.wav"), 1));
        List<Detection> found = DetectMarks.detect(marks, GeneratedMarks.programWav(tmp.resolve("p.wav"), true),
                tmp.resolve("marks"), ModelSource.demo());
        assertEquals(List.of("logo-a.wav", "logo-b.wav"), found.stream().map(Detection::markId).toList(), found.toString());
        assertEquals(GeneratedMarks.A_AT, found.get(0).startTimeSec(), 0.25);
        assertEquals(GeneratedMarks.B_AT, found.get(1).startTimeSec(), 0.25);
        assertEquals(found.get(1).startTimeSec() + 2.0, found.get(1).endTimeSec(), 1e-6);
    }

    @Test
    void monitorStreamPrintsOccurrencesOfALiveStream() throws IOException {
        Path marksDir = tmp.resolve("marks");
        DetectMarks.detect(List.of(GeneratedMarks.markWav(tmp.resolve("logo-a.wav"), 0)),
                GeneratedMarks.programWav(tmp.resolve("p.wav"), true), marksDir, ModelSource.demo()); // registers the mark
        // the stream holds mark A only: the untrained demo model hears mark B, a rising tone with clicks
        // too, as close to A as A's own background (trained models tell them apart; see bench-detect)
        byte[] stream = Files.readAllBytes(GeneratedMarks.programWav(tmp.resolve("stream.wav"), false));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/live", ex -> {
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(stream);
            }
        });
        server.start();
        try {
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            String url = "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + "/live";
            DetectionSummary summary = MonitorStream.monitor(url, marksDir, ModelSource.demo(),
                    new PrintStream(printed, true, StandardCharsets.UTF_8));
            List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
            assertEquals(1, lines.size(), lines.toString());
            assertTrue(lines.get(0).startsWith("{\"mark_id\":\"logo-a.wav\",\"start_time_sec\":6."), lines.get(0));
            assertEquals(20.0, summary.programSec(), 0.01);
        } finally {
            server.stop(0);
        }
    }
}
