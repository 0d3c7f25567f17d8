package io.soundmark.index;

import java.io.IOException;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;

/**
 * Sorts a commit's files by what they hold, from the file extensions of Lucene 9.9+'s vector
 * formats: {@code .vex} the HNSW graph, {@code .vec} the float vectors, {@code .veq} the quantised
 * vectors (their small metadata files, {@code .vem*}, count only in the total).
 */
final class StorageSummary {

    private StorageSummary() {
    }

    static IndexStorage of(Directory directory, SegmentInfos commit) throws IOException {
        long total = 0;
        long graph = 0;
        long floats = 0;
        long quantized = 0;
        for (String file : commit.files(true)) {
            long size = directory.fileLength(file);
            total += size;
            if (file.endsWith(".vex")) {
                graph += size;
            } else if (file.endsWith(".vec")) {
                floats += size;
            } else if (file.endsWith(".veq")) {
                quantized += size;
            }
        }
        return new IndexStorage(total, graph, floats, quantized);
    }
}
