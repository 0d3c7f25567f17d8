package io.soundmark.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.soundmark.AudioSourceType;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The job's command line turns its arguments into options, and refuses bad ones before Spark starts. */
class JobCommandTest {

    static JobOptions parse(String... args) {
        JobCommand command = new JobCommand();
        new CommandLine(command).parseArgs(args);
        return command.options();
    }

    @Test
    void argumentsBecomeTheJobsOptions() {
        JobOptions o = parse("--input-dir", "/data/spots", "--output", "/data/out", "--format", "json", "--video",
                "--model-file", "model.pt", "--segment-duration", "4", "--segment-hop", "2", "--locations-per-commit", "500");
        assertEquals(new JobInput.Directory("/data/spots"), o.input());
        assertEquals("/data/out", o.output());
        assertEquals(OutputFormat.JSON, o.format());
        assertEquals(AudioSourceType.VIDEO, o.sourceType());
        assertEquals(JobModel.sparkFile("model.pt"), o.model());
        assertEquals(4.0, o.fingerprintOptions().segmentDurationSec());
        assertEquals(2.0, o.fingerprintOptions().segmentHopSec());
        assertEquals(500, o.locationsPerCommit());
        assertEquals(new JobInput.Table("media", "url"),
                parse("--input-table", "media", "--location-column", "url", "--output", "o", "--model", "demo").input());
        assertInstanceOf(JobInput.TextFile.class, parse("--input", "l.txt", "--output", "o", "--model", "demo").input());
    }

    @Test
    void aModelUrlNeedsHttpAndAShaOf64HexDigits() {
        assertEquals(JobModel.url(java.net.URI.create("https://m.example/model.pt"), "a".repeat(64)),
                parse("--input", "l", "--output", "o", "--model", "https://m.example/model.pt", "--model-sha256",
                        "a".repeat(64)).model());
        var e = assertThrows(IllegalArgumentException.class, () -> parse("--input", "l", "--output", "o", "--model",
                "https://m.example/model.pt", "--model-sha256", "abc"));
        assertTrue(e.getMessage().contains("64 hex digits"), e.getMessage());
    }

    @Test
    void badOptionsExitWithStatus2AndAMessageBeforeSparkStarts() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new JobCommand()).setErr(new PrintWriter(err));
        assertEquals(2, cli.execute("--input-dir", "d", "--output", "o", "--model", "demo", "--segment-hop", "0.1"));
        assertTrue(err.toString().contains("segment_hop_sec = 0.1 is out of range: allowed 0.5 to 15.0"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, cli.execute("--input-dir", "d", "--output", "o", "--model", "demo", "--model-file", "m.pt"));
        assertTrue(err.toString().contains("give the model once"), err.toString());
        assertEquals(2, JobCommand.execute("--output", "o", "--model", "demo"), "an input is required");
    }

    @Test
    void theIndexCommandRefusesBadOptionsWithStatus2BeforeSparkStarts() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new IndexCommand()).setErr(new PrintWriter(err));
        assertEquals(2, cli.execute("--from", "out", "--index", "idx", "--quantization", "int4"));
        assertTrue(err.toString().contains("--quantization int4 is not valid: allowed none or int8"), err.toString());
        assertEquals(2, cli.execute("--from", "out", "--index", "idx", "--sources-per-commit", "0"));
        assertEquals(2, IndexCommand.execute("--index", "idx"), "--from is required");
    }
}
