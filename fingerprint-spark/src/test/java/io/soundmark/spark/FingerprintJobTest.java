package io.soundmark.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.soundmark.SegmentEmbedding;
import io.soundmark.index.SearchHit;
import io.soundmark.index.SearchOptions;
import io.soundmark.index.SegmentIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The job on a real local Spark session (two cores) over a directory of real files of many formats, one of them broken. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FingerprintJobTest {

    Path tmp;
    SparkSession spark;
    Path inputs;
    Fixtures.CliOutput cli;
    Path parquetOut;
    JobResult parquetRun;
    Path jsonOut;
    JobResult jsonRun;

    @BeforeAll
    void fingerprintTheFixturesWithTheCliAndWithTheJob(@TempDir Path dir) throws Exception {
        tmp = dir;
        inputs = Fixtures.inputs(tmp.resolve("inputs"));
        cli = Fixtures.runCli(inputs, tmp.resolve("cli"));
        spark = Fixtures.spark();
        parquetOut = tmp.resolve("parquet");
        parquetRun = FingerprintJob.run(spark, options(parquetOut).build());
        jsonOut = tmp.resolve("json");
        jsonRun = FingerprintJob.run(spark, options(jsonOut).format(OutputFormat.JSON).build());
    }

    @AfterAll
    void stopSpark() {
        spark.stop();
    }

    JobOptions.Builder options(Path output) {
        return JobOptions.builder().input(JobInput.directory(inputs.toString())).output(output.toString())
                .model(JobModel.demo());
    }

    @Test
    void everyFileGetsTheSameVectorsAsFromTheCommandLine() {
        Map<String, List<SegmentEmbedding>> job = Fixtures.bySource(JobOutput.open(spark, parquetOut.toString()));
        Map<String, List<SegmentEmbedding>> expected = new java.util.TreeMap<>(cli.records());
        expected.remove(inputs.resolve(Fixtures.EMPTY).toString()); // the CLI writes an empty file; the job an empty row
        assertEquals(expected.keySet(), job.keySet());
        assertEquals(4, job.get(inputs.resolve(Fixtures.LONG).toString()).size(), "12 s give four windows");
        for (var e : expected.entrySet()) {
            List<SegmentEmbedding> mine = job.get(e.getKey());
            assertEquals(e.getValue().size(), mine.size(), e.getKey());
            assertTrue(Fixtures.maxDifference(e.getValue(), mine) <= 1e-5, e.getKey());
            for (int i = 0; i < mine.size(); i++) {
                SegmentEmbedding a = e.getValue().get(i);
                SegmentEmbedding b = mine.get(i);
                assertEquals(List.of(a.segmentIndex(), a.startTimeSec(), a.endTimeSec(), a.durationSec(), a.sampleRate(),
                                a.audioSourceType(), a.embeddingModel()),
                        List.of(b.segmentIndex(), b.startTimeSec(), b.endTimeSec(), b.durationSec(), b.sampleRate(),
                                b.audioSourceType(), b.embeddingModel()), e.getKey());
                assertEquals(a.totalDurationSec(), b.totalDurationSec(), e.getKey());
            }
        }
        assertEquals(expected.values().stream().mapToLong(List::size).sum(), parquetRun.windows());
    }

    @Test
    void theBrokenFileIsOneFailureRowWithTheCommandLinesMessageAndTheJobCarriesOn() {
        List<Row> failures = JobOutput.open(spark, parquetOut.toString()).failures().collectAsList();
        assertEquals(1, failures.size());
        assertEquals(inputs.resolve(Fixtures.BROKEN).toString(), failures.get(0).getString(0));
        assertEquals(1, cli.status(), "the CLI reports the failure with status 1");
        assertEquals(cli.errors(), List.of(failures.get(0).getString(1)));
        assertEquals(1, parquetRun.failed());
        assertEquals(13, parquetRun.locations());
        assertEquals(11, parquetRun.fingerprinted());
    }

    @Test
    void anInputWithoutSamplesIsAnEmptyRowNotAFailure() {
        List<Row> empty = JobOutput.open(spark, parquetOut.toString()).emptyInputs().collectAsList();
        assertEquals(List.of(inputs.resolve(Fixtures.EMPTY).toString()), empty.stream().map(r -> r.getString(0)).toList());
        assertEquals(List.of(), cli.records().get(inputs.resolve(Fixtures.EMPTY).toString()));
        assertEquals(1, parquetRun.empty());
    }

    @Test
    void theSegmentsTableHasSpecNamesTheSourceAndTheSegmentParameters() {
        var segments = JobOutput.open(spark, parquetOut.toString()).segments();
        assertEquals(List.of(SegmentRows.SEGMENTS.fieldNames()), List.of(segments.columns()));
        Row first = segments.filter("segment_index = 1").limit(1).collectAsList().get(0);
        assertEquals(5.0, first.getDouble(first.fieldIndex("segment_duration_sec")));
        assertEquals(2.5, first.getDouble(first.fieldIndex("segment_hop_sec")));
        assertEquals(120.0, first.getDouble(first.fieldIndex("max_audio_length_sec")));
        assertTrue(first.getBoolean(first.fieldIndex("normalize_embeddings")));
        assertEquals(512, first.getList(first.fieldIndex(SegmentEmbedding.EMBEDDING)).size());
    }

    @Test
    void jsonLinesAndParquetOutputsAgree() throws IOException {
        JobResult run = jsonRun;
        assertEquals(parquetRun.windows(), run.windows());
        JobOutput json = JobOutput.open(spark, jsonOut.toString());
        assertEquals(OutputFormat.JSON, json.format());
        Map<String, List<SegmentEmbedding>> fromJson = Fixtures.bySource(json);
        Map<String, List<SegmentEmbedding>> fromParquet = Fixtures.bySource(JobOutput.open(spark, parquetOut.toString()));
        assertEquals(fromParquet.keySet(), fromJson.keySet());
        fromParquet.forEach((source, records) -> {
            assertEquals(0.0, Fixtures.maxDifference(records, fromJson.get(source)), source); // same floats, exactly
            assertEquals(records.stream().map(SegmentEmbedding::totalDurationSec).toList(),
                    fromJson.get(source).stream().map(SegmentEmbedding::totalDurationSec).toList());
        });
        assertEquals(json.failures().collectAsList(), JobOutput.open(spark, parquetOut.toString()).failures().collectAsList());
        // every line is a SPEC record with its source beside it
        int lines = 0;
        for (Path file : Fixtures.dataFiles(jsonOut.resolve("segments"))) {
            for (String line : Files.readAllLines(file)) {
                SegmentEmbedding.fromJson(line);
                assertTrue(line.startsWith("{\"source\":\""), line.substring(0, 40));
                assertTrue(line.contains("\"total_duration_sec\":"), "nulls are written, as SPEC's JSON does");
                lines++;
            }
        }
        assertEquals(run.windows(), lines);
    }

    @Test
    void theIndexCommandBuildsASearchableIndexFromTheOutputAndAddsOnlyWhatIsNewOnASecondRun() {
        Path indexDir = tmp.resolve("index");
        Map<String, List<SegmentEmbedding>> job = Fixtures.bySource(JobOutput.open(spark, parquetOut.toString()));
        IndexCommand.Summary first;
        try (SegmentIndex index = SegmentIndex.builder(indexDir).build()) {
            first = IndexCommand.addAll(JobOutput.open(spark, jsonOut.toString()), index, 2);
        }
        int windows = job.values().stream().mapToInt(List::size).sum();
        assertEquals(new IndexCommand.Summary(job.size(), windows, 0), first);
        try (SegmentIndex index = SegmentIndex.open(indexDir)) {
            assertEquals(job.size(), index.info().sources());
            assertEquals(windows, index.info().segments());
            job.forEach((source, records) -> {
                SegmentEmbedding last = records.get(records.size() - 1);
                SearchHit best = index.search(last.embedding(), SearchOptions.builder().k(1).exact(true).build()).get(0);
                assertEquals(1.0, best.score(), 1e-5, source);
                assertEquals(last.startTimeSec(), best.startTimeSec(), source);
            });
            // a second run over the same output (say, after a crash) adds nothing twice
            assertEquals(new IndexCommand.Summary(0, 0, job.size()), IndexCommand.addAll(JobOutput.open(spark, parquetOut.toString()), index, 2));
            assertEquals(windows, index.info().segments());
        }
    }

    @Test
    void aSecondRunAfterDeletingPartOfTheOutputRedoesOnlyWhatIsMissing() throws IOException {
        Path out = tmp.resolve("resume");
        JobResult first = FingerprintJob.run(spark, options(out).locationsPerFile(1).locationsPerCommit(5).build());
        assertEquals(3, first.commits());
        List<Path> segmentFiles = Fixtures.dataFiles(out.resolve("segments"));
        assertEquals(11, segmentFiles.size(), "one file per location, as asked");
        // each file holds whole locations: all of a source's rows or none
        Map<String, List<SegmentEmbedding>> all = Fixtures.bySource(JobOutput.open(spark, out.toString()));
        Set<String> deleted = new HashSet<>();
        for (Path file : List.of(segmentFiles.get(0), segmentFiles.get(5))) {
            for (Row r : spark.read().parquet(file.toString()).select("source").collectAsList()) {
                deleted.add(r.getString(0));
            }
            assertEquals(1, spark.read().parquet(file.toString()).select("source").distinct().count());
            Files.delete(file);
        }
        Fixtures.dataFiles(out.resolve("failures")).forEach(f -> f.toFile().delete());
        deleted.add(inputs.resolve(Fixtures.BROKEN).toString());

        JobResult second = FingerprintJob.run(spark, options(out).locationsPerFile(1).build());
        assertEquals(3, second.processed(), "two deleted sources and the deleted failure, nothing else");
        assertEquals(10, second.alreadyDone());
        assertEquals(1, second.failed());
        Map<String, List<SegmentEmbedding>> after = Fixtures.bySource(JobOutput.open(spark, out.toString()));
        assertEquals(all.keySet(), after.keySet());
        for (String source : deleted) {
            if (all.containsKey(source)) {
                assertEquals(0.0, Fixtures.maxDifference(all.get(source), after.get(source)), source);
            }
        }
        assertEquals(1, JobOutput.open(spark, out.toString()).failures().count());

        JobResult third = FingerprintJob.run(spark, options(out).build());
        assertEquals(0, third.processed());
        assertEquals(13, third.alreadyDone());
    }

    @Test
    void resumingWithOtherSegmentParametersOrAnotherFormatIsRefused() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> FingerprintJob.run(spark, options(parquetOut).segmentDurationSec(4.0).build()));
        assertTrue(e.getMessage().contains("segment_duration_sec = 5.0, this job uses 4.0"), e.getMessage());
        var f = assertThrows(IllegalArgumentException.class,
                () -> FingerprintJob.run(spark, options(parquetOut).format(OutputFormat.JSON).build()));
        assertTrue(f.getMessage().contains("already holds parquet output"), f.getMessage());
    }

    @Test
    void aModelThatCannotLoadStopsTheJobInsteadOfFailingEveryInput() {
        Path out = tmp.resolve("no-model");
        JobOptions options = options(out).model(JobModel.path(tmp.resolve("missing.pt").toString())).build();
        Exception e = assertThrows(Exception.class, () -> FingerprintJob.run(spark, options));
        assertTrue(String.valueOf(e.getMessage()).contains("missing.pt"), e.getMessage());
        assertFalse(Files.exists(out.resolve("failures")), "no input is marked as failed");
    }

    @Test
    void theBulkScriptTurnsJsonLinesIntoOneIndexActionPerRecordKeyedBySourceAndSegment() throws Exception {
        // the script is jq, a user's tool rather than the build's: CI installs it (.ci/run); without it this is skipped
        org.junit.jupiter.api.Assumptions.assumeTrue(new ProcessBuilder("sh", "-c", "command -v jq").start().waitFor() == 0,
                "jq is not installed (apt-get install jq)");
        List<String> files = Fixtures.dataFiles(jsonOut.resolve("segments")).stream().map(Path::toString).toList();
        List<String> cmd = new java.util.ArrayList<>(List.of("search/to_bulk.sh", "soundmark-segments"));
        cmd.addAll(files);
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<String> bulk = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                .lines().toList();
        assertEquals(0, p.waitFor(), "to_bulk.sh needs jq (apt-get install jq)");
        List<String> records = new java.util.ArrayList<>();
        for (String f : files) {
            records.addAll(Files.readAllLines(Path.of(f)));
        }
        assertEquals(2 * records.size(), bulk.size());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < records.size(); i++) {
            var action = com.google.gson.JsonParser.parseString(bulk.get(2 * i)).getAsJsonObject().getAsJsonObject("index");
            var record = com.google.gson.JsonParser.parseString(records.get(i)).getAsJsonObject();
            assertEquals("soundmark-segments", action.get("_index").getAsString());
            assertEquals(record.get("source").getAsString() + "#" + record.get("segment_index").getAsInt(),
                    action.get("_id").getAsString());
            assertEquals(record, com.google.gson.JsonParser.parseString(bulk.get(2 * i + 1)));
            ids.add(action.get("_id").getAsString());
        }
        assertEquals(records.size(), ids.size(), "ids are unique");
    }

    @Test
    void aModelShippedWithTheJobOrServedByUrlWithItsShaGivesTheSameVectors() throws Exception {
        Path model = Fixtures.demoModelFiles(tmp.resolve("model"));
        spark.sparkContext().addFile(model.toString());
        spark.sparkContext().addFile(model.resolveSibling("demo.json").toString());
        Path few = tmp.resolve("few");
        Files.createDirectories(few);
        Files.copy(inputs.resolve("source.wav"), few.resolve("source.wav"));
        Files.copy(inputs.resolve(Fixtures.LONG), few.resolve(Fixtures.LONG));
        Map<String, List<SegmentEmbedding>> expected = Fixtures.bySource(JobOutput.open(spark, parquetOut.toString()));

        var server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/models/", exchange -> {
            Path file = model.resolveSibling(exchange.getRequestURI().getPath().substring("/models/".length()));
            if (!Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, Files.size(file));
                Files.copy(file, exchange.getResponseBody());
            }
            exchange.close();
        });
        server.start();
        try {
            String sha = java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(model)));
            java.net.URI url = java.net.URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/models/demo.pt");
            for (JobModel jobModel : List.of(JobModel.sparkFile("demo.pt"),
                    JobModel.url(url, sha, tmp.resolve("cache").toString()))) {
                Path out = tmp.resolve("model-" + Math.abs(jobModel.toString().hashCode()));
                JobOptions o = JobOptions.builder().input(JobInput.directory(few.toString())).output(out.toString())
                        .model(jobModel).build();
                assertEquals(2, FingerprintJob.run(spark, o).fingerprinted(), jobModel.toString());
                Fixtures.bySource(JobOutput.open(spark, out.toString())).forEach((source, records) -> {
                    String original = inputs.resolve(Path.of(source).getFileName()).toString();
                    assertEquals(0.0, Fixtures.maxDifference(expected.get(original), records), jobModel + " " + source);
                });
            }
            assertTrue(Files.isDirectory(tmp.resolve("cache")), "the URL's model went through the core's cache");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void theReadmeExampleFingerprintsADirectoryResumesAndReadsTheRecordsBack() {
        String out = tmp.resolve("example").toString();
        JobResult first = io.soundmark.spark.examples.FingerprintArchive.fingerprint(spark, inputs.toString(), out);
        assertEquals(11, first.fingerprinted());
        assertEquals(13, io.soundmark.spark.examples.FingerprintArchive.fingerprint(spark, inputs.toString(), out)
                .alreadyDone());
        Map<String, Integer> windows = io.soundmark.spark.examples.FingerprintArchive.windowsBySource(spark, out);
        assertEquals(11, windows.size());
        assertEquals(4, windows.get(inputs.resolve(Fixtures.LONG).toString()));
    }
}
