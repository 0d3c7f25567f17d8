package io.soundmark.spark;

import io.soundmark.AudioFingerprinter;
import io.soundmark.AudioSourceType;
import io.soundmark.FingerprintInput;
import io.soundmark.ModelException;
import io.soundmark.SegmentEmbedding;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Queue;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;

/**
 * The work of one task: fingerprints its locations one after the other with the executor's shared
 * fingerprinter (so each task, that is each executor core, runs one fingerprinting call at a time)
 * and turns each into result rows: its segments, one failure row, or one empty row. All the rows
 * of a location come from the same task, so they land in the same output file.
 *
 * <p>An input's failure becomes a row and never fails the task; a {@link ModelException} does,
 * since a model that cannot load or run would fail every input the same way and should stop the job
 * rather than mark the whole archive as failed.
 */
final class PartitionFingerprinter implements FlatMapFunction<Iterator<String>, Row> {

    private static final long serialVersionUID = 1L;

    private final FingerprinterSettings settings;
    private final AudioSourceType sourceType;
    private final JobProgress progress;

    PartitionFingerprinter(FingerprinterSettings settings, AudioSourceType sourceType, JobProgress progress) {
        this.settings = settings;
        this.sourceType = sourceType;
        this.progress = progress;
    }

    @Override
    public Iterator<Row> call(Iterator<String> locations) {
        AudioFingerprinter fingerprinter = ExecutorFingerprinters.get(settings);
        Queue<Row> ready = new ArrayDeque<>();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                while (ready.isEmpty() && locations.hasNext()) {
                    fingerprint(fingerprinter, locations.next(), ready);
                }
                return !ready.isEmpty();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return ready.remove();
            }
        };
    }

    private void fingerprint(AudioFingerprinter fingerprinter, String location, Queue<Row> out) {
        List<SegmentEmbedding> segments;
        try {
            FingerprintInput input = sourceType == AudioSourceType.VIDEO
                    ? FingerprintInput.video(location) : FingerprintInput.audio(location);
            segments = fingerprinter.fingerprint(input);
        } catch (ModelException e) {
            throw e;
        } catch (RuntimeException e) {
            out.add(SegmentRows.failure(location, describe(location, e)));
            progress.failed();
            return;
        }
        if (segments.isEmpty()) {
            out.add(SegmentRows.empty(location));
        }
        for (SegmentEmbedding s : segments) {
            out.add(SegmentRows.segment(location, s, settings));
        }
        progress.done(segments.size());
    }

    /** The core's messages already read {@code INPUT: CAUSE}; anything else gets the location put in front. */
    static String describe(String location, Throwable e) {
        String message = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getName() : e.getMessage();
        message = message.replaceAll("\\s*\\R\\s*", " ").strip();
        return message.contains(location) ? message : location + ": " + message;
    }
}
