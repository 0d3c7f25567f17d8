package io.soundmark.examples;

import io.soundmark.AudioFingerprinter;
import io.soundmark.FingerprintInput;
import io.soundmark.SegmentEmbedding;
import io.soundmark.index.SearchHit;
import io.soundmark.index.SearchOptions;
import io.soundmark.index.SegmentIndex;
import io.soundmark.index.SegmentParameters;
import io.soundmark.model.ModelSource;
import java.nio.file.Path;
import java.util.List;

/**
 * Indexes audio files on disk and finds the windows that sound most like a clip.
 *
 * <pre>
 * java -cp soundmark.jar io.soundmark.examples.SearchArchive index-dir clip.wav model.pt archive/*.wav
 * </pre>
 */
public final class SearchArchive {

    private SearchArchive() {
    }

    public static void main(String[] args) {
        List<Path> files = java.util.Arrays.stream(args).skip(3).map(Path::of).toList();
        for (SearchHit hit : indexAndSearch(files, Path.of(args[1]), Path.of(args[0]), ModelSource.of(args[2]))) {
            System.out.println(hit.toJson());
        }
    }

    /** Adds each file under its name, then searches with the clip's windows. */
    public static List<SearchHit> indexAndSearch(List<Path> files, Path clip, Path indexDir, ModelSource model) {
        try (AudioFingerprinter fingerprinter = AudioFingerprinter.builder().model(model).build();
             SegmentIndex index = SegmentIndex.open(indexDir)) {
            SegmentParameters layout = SegmentParameters.of(fingerprinter.options());
            for (Path file : files) {
                index.add(file.getFileName().toString(), file.toAbsolutePath().toString(), layout,
                        fingerprinter.fingerprint(FingerprintInput.audio(file)));   // committed on return
            }
            List<SegmentEmbedding> query = fingerprinter.fingerprint(FingerprintInput.audio(clip));
            return index.search(query, SearchOptions.builder().k(3).minScore(0.8).build());
        }
    }
}
