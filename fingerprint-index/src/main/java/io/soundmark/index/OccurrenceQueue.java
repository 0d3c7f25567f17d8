package io.soundmark.index;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Confirmed occurrences on their way out: one per stretch of media (of two that overlap by more
 * than half the shorter, the one with the larger margin stays), handed out in time order once no
 * earlier occurrence can still be confirmed.
 */
final class OccurrenceQueue {

    private final List<Detection> held = new ArrayList<>();

    void offer(Detection d) {
        for (int i = 0; i < held.size(); i++) {
            Detection h = held.get(i);
            double overlap = Math.min(h.endTimeSec(), d.endTimeSec()) - Math.max(h.startTimeSec(), d.startTimeSec());
            double shorter = Math.min(h.endTimeSec() - h.startTimeSec(), d.endTimeSec() - d.startTimeSec());
            if (overlap > shorter / 2) {
                if (d.margin() > h.margin()) {
                    held.set(i, d);
                }
                return;
            }
        }
        held.add(d);
    }

    /** The occurrences starting before {@code sec}, in time order, removed from the queue. */
    List<Detection> releaseBefore(double sec) {
        List<Detection> out = new ArrayList<>();
        held.removeIf(d -> {
            if (d.startTimeSec() < sec) {
                out.add(d);
                return true;
            }
            return false;
        });
        out.sort(Comparator.comparingDouble(Detection::startTimeSec));
        return out;
    }
}
