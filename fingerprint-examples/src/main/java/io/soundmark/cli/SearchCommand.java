package io.soundmark.cli;

import io.soundmark.AudioFingerprinter;
import io.soundmark.SegmentEmbedding;
import io.soundmark.SoundmarkException;
import io.soundmark.index.IndexInfo;
import io.soundmark.index.SearchHit;
import io.soundmark.index.SearchOptions;
import io.soundmark.index.SegmentIndex;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code soundmark search}: the indexed windows that sound most like each window of a clip. */
@Command(name = "search", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 110,
        description = {"Fingerprint a clip with the index's model and segment parameters and print, for each of its",
                "windows, the most similar indexed windows as JSON Lines: query_segment_index, source_id,",
                "segment_index, start_time_sec, end_time_sec, score (cosine, -1 to 1)."})
final class SearchCommand implements Callable<Integer> {

    @Option(names = "--index", paramLabel = "DIR", required = true, description = "The index directory.")
    Path index;

    @ArgGroup(multiplicity = "1")
    InputOptions.OneInput input;

    @Mixin
    InputOptions options;

    @Mixin
    ModelOption model;

    @Option(names = "--k", paramLabel = "N", defaultValue = "10",
            description = "Hits per clip window, 1 to 10000 (default ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--min-score", paramLabel = "S", defaultValue = "-1",
            description = "Drop hits scoring below this cosine, -1 to 1 (default ${DEFAULT-VALUE}: none).")
    double minScore;

    @Option(names = "--source", paramLabel = "ID", description = "Search only this source (repeat for several).")
    List<String> sources;

    @Option(names = "--exact", description = "Compare with every indexed vector instead of walking the HNSW graph.")
    boolean exact;

    @Option(names = "--candidates", paramLabel = "N",
            description = "Candidates the graph search collects, at least --k (default 200, or --k if larger); more "
                    + "finds more true neighbours, a little slower.")
    Integer candidates;

    @Mixin
    InferenceOptions inference;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try (SegmentIndex target = SegmentIndex.builder(index).readOnly().build()) {
            IndexInfo info = target.info();
            if (info.modelId() == null) {
                throw new IllegalArgumentException("index " + index + " is empty");
            }
            SearchOptions.Builder search = SearchOptions.builder().k(k).minScore(minScore).exact(exact)
                    .sources(sources == null ? Set.of() : Set.copyOf(sources));
            if (candidates != null) {
                search.candidates(candidates);
            }
            SearchOptions searchOptions = search.build();
            AudioFingerprinter.Builder builder = options.builder(err);
            model.applyTo(builder, info.modelLocation());
            builder
                    .segmentDurationSec(info.parameters().segmentDurationSec())
                    .segmentHopSec(info.parameters().segmentHopSec())
                    .sampleRate(info.parameters().sampleRate());
            inference.applyTo(builder);
            try (AudioFingerprinter fingerprinter = builder.build()) {
                String id = fingerprinter.modelManifest().id();
                if (!id.equals(info.modelId())) {
                    throw new IllegalArgumentException("index " + index + " holds vectors of model " + info.modelId()
                            + "; the model given is " + id + ", whose vectors do not compare");
                }
                List<SegmentEmbedding> clip = fingerprinter.fingerprint(input.toInput());
                PrintWriter out = spec.commandLine().getOut();
                for (SearchHit hit : target.search(clip, searchOptions)) {
                    out.println(hit.toJson());
                }
                out.flush();
            }
            return 0;
        } catch (IllegalArgumentException | SoundmarkException e) {
            return Failures.report(err, e, options.verbose);
        }
    }
}
