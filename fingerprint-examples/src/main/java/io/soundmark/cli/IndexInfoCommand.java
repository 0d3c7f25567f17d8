package io.soundmark.cli;

import com.google.gson.JsonObject;
import io.soundmark.SoundmarkException;
import io.soundmark.index.IndexInfo;
import io.soundmark.index.IndexStorage;
import io.soundmark.index.IndexedSource;
import io.soundmark.index.SegmentIndex;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code soundmark index info}: what an index holds, as JSON. */
@Command(name = "info", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 110,
        description = {"Describe an index as one JSON object on stdout: model id, vector size, segment parameters,",
                "quantization, number of sources and segments, bytes on disk; with --sources, one JSON line per",
                "source after it."})
final class IndexInfoCommand implements Callable<Integer> {

    @Option(names = "--index", paramLabel = "DIR", required = true, description = "The index directory.")
    Path index;

    @Option(names = "--sources", description = "Also list every source: id, location, segments, duration.")
    boolean sources;

    @Option(names = "--verbose", description = "Print stack traces on errors.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (SegmentIndex target = SegmentIndex.builder(index).readOnly().build()) {
            IndexInfo info = target.info();
            IndexStorage storage = target.storage();
            JsonObject o = new JsonObject();
            o.addProperty("index", info.directory().toString());
            o.addProperty("model_id", info.modelId());
            o.addProperty("dimension", info.dimension());
            if (info.parameters() != null) {
                o.addProperty("segment_duration_sec", info.parameters().segmentDurationSec());
                o.addProperty("segment_hop_sec", info.parameters().segmentHopSec());
                o.addProperty("sample_rate", info.parameters().sampleRate());
            }
            o.addProperty("quantization", info.quantization().name().toLowerCase(java.util.Locale.ROOT));
            o.addProperty("sources", info.sources());
            o.addProperty("segments", info.segments());
            o.addProperty("size_bytes", storage.totalBytes());
            o.addProperty("searched_bytes", storage.searchedBytes());
            out.println(o);
            if (sources) {
                for (IndexedSource s : target.sources()) {
                    JsonObject line = new JsonObject();
                    line.addProperty("source_id", s.id());
                    line.addProperty("location", s.location());
                    line.addProperty("audio_source_type", s.audioSourceType().jsonName());
                    line.addProperty("segments", s.segments());
                    line.addProperty("total_duration_sec", s.totalDurationSec());
                    out.println(line);
                }
            }
            out.flush();
            return 0;
        } catch (SoundmarkException e) {
            return Failures.report(spec.commandLine().getErr(), e, verbose);
        }
    }
}
