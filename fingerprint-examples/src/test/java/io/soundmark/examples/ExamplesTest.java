package io.soundmark.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.soundmark.SegmentEmbedding;
import io.soundmark.model.ModelSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's examples run and do what they say, on the bundled samples. */
class ExamplesTest {

    static final Path JINGLE = Path.of("samples/jingle.wav");
    static final Path PROGRAM = Path.of("samples/program.wav");

    @Test
    void quickStartFingerprintsTheJingle() {
        List<SegmentEmbedding> segments = QuickStart.fingerprint(JINGLE);
        assertEquals(1, segments.size(), "2.5 s is shorter than one 5 s window");
        assertEquals(2.5, segments.get(0).endTimeSec(), 1e-9);
        assertEquals("soundmark/demo-untrained", segments.get(0).embeddingModel());
    }

    @Test
    void findJingleRanksEveryProgramWindow() {
        List<FindJingle.Match> matches = FindJingle.find(JINGLE, PROGRAM, ModelSource.demo());
        assertEquals(20, matches.size(), "starts 0.0 to 9.5 s every 0.5 s");
        for (int i = 0; i < matches.size(); i++) {
            FindJingle.Match m = matches.get(i);
            assertTrue(m.similarity() >= -1 - 1e-9 && m.similarity() <= 1 + 1e-9, m.toString());
            if (i > 0) {
                assertTrue(matches.get(i - 1).similarity() >= m.similarity(), "best first");
            }
        }
    }

    @Test
    void streamToJsonLinesWritesOneRecordPerLine(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("program.jsonl");
        assertEquals(4, StreamToJsonLines.write(PROGRAM, out));
        List<String> lines = Files.readAllLines(out);
        assertEquals(4, lines.size());
        for (int i = 0; i < lines.size(); i++) {
            assertEquals(i, SegmentEmbedding.fromJson(lines.get(i)).segmentIndex());
        }
    }
}
