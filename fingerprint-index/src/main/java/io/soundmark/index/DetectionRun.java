package io.soundmark.index;

import io.soundmark.AudioFingerprinter;
import io.soundmark.DecodedAudio;
import io.soundmark.FingerprintInput;
import io.soundmark.MediaException;
import java.util.ArrayList;
import java.util.List;

/**
 * One scan of one input: reads its audio into a ring, cuts scan windows as the audio arrives, has
 * the candidate finder score them, checks each candidate as soon as the audio it needs is there,
 * and hands confirmed occurrences to the listener in time order. Memory is fixed by the ring,
 * whatever the input's length.
 */
final class DetectionRun {

    private static final int READ_SAMPLES = 8192;

    private final SoundmarkDetector detector;
    private final WindowPlan plan;
    private final WindowEmbedder embedder;
    private final CandidateFinder finder;
    private final CandidateCheck check;
    private final DetectionListener listener;
    private final AudioRing ring;
    private final OccurrenceQueue occurrences = new OccurrenceQueue();
    private final List<CandidateFinder.Candidate> waiting = new ArrayList<>();
    /** Longest a confirmed occurrence may wait behind the scan: an earlier one may still be confirmed meanwhile. */
    private final double releaseDelaySec;
    private long nextWindow;
    private long candidates;
    private long detections;

    DetectionRun(SoundmarkDetector detector, AudioFingerprinter fingerprinter, DetectionListener listener) {
        this.detector = detector;
        this.plan = detector.plan();
        this.embedder = new WindowEmbedder(fingerprinter);
        List<MarkWindows> marks = detector.markWindows();
        this.finder = new CandidateFinder(plan, marks, detector.candidateRatio());
        this.check = new CandidateCheck(plan, marks, embedder, detector.minScore(), detector.minMargin());
        this.listener = listener;
        double longest = marks.stream().mapToDouble(MarkWindows::lengthSec).max().orElse(0);
        double verify = marks.stream().mapToDouble(MarkWindows::verifySec).max().orElse(0);
        double settle = 2 * longest + plan.windowSec() + plan.hopSec();
        double reads = longest + check.searchSec() + CandidateCheck.DECOY_GAP_SEC + verify;
        this.releaseDelaySec = Math.max(settle, reads) + plan.hopSec();
        double held = releaseDelaySec + check.searchSec() + CandidateCheck.DECOY_GAP_SEC + verify + 2;
        this.ring = new AudioRing(embedder.samples(held));
    }

    DetectionSummary run(FingerprintInput input) {
        long started = System.nanoTime();
        int reconnects = 0;
        float[] buffer = new float[READ_SAMPLES];
        MediaException failure = null;
        while (true) {
            try (DecodedAudio audio = detector.fingerprinter().openAudioUnbounded(input)) {
                for (int n; (n = audio.read(buffer, 0, buffer.length)) > 0; ) {
                    ring.append(buffer, 0, n);
                    advance(-1);
                }
                String stop = audio.earlyStop();
                if (stop != null) { // a dropped connection or a corrupt tail: an interruption, not the end
                    throw new MediaException(audio.inputName(), stop);
                }
                break;
            } catch (MediaException e) {
                if (ring.end() == 0 && reconnects == 0) {
                    throw e; // it never opened: nothing to report but the failure
                }
                boolean again = reconnects < detector.reconnectAttempts() && SoundmarkDetector.reconnectable(input);
                listener.onInterruption(e, seconds(ring.end()), again);
                if (!again) {
                    failure = e;
                    break;
                }
                reconnects++;
                pause(detector.reconnectDelayMillis());
            }
        }
        finish();
        if (failure != null) {
            throw failure; // after every occurrence found before it has been reported
        }
        return new DetectionSummary(seconds(ring.end()), embedder.calls(), candidates, detections, reconnects,
                (System.nanoTime() - started) / 1e9);
    }

    /** Scans every whole window the ring now holds, checks what can be checked, releases what is settled. */
    private void advance(double endSec) {
        int window = embedder.samples(plan.windowSec());
        for (long from; (from = windowStart(nextWindow)) + window <= ring.end(); nextWindow++) {
            waiting.addAll(finder.accept(nextWindow, embedder.embed(ring.copy(from, window))));
        }
        double heard = seconds(ring.end());
        waiting.removeIf(c -> {
            if (endSec < 0 && check.readsUntilSec(c) > heard) {
                return false;
            }
            candidates++;
            Detection d = check.check(c, ring, endSec, finder.background(c.mark()));
            if (d != null) {
                occurrences.offer(d);
            }
            return true;
        });
        double scanned = nextWindow * plan.hopSec();
        release(endSec < 0 ? scanned - releaseDelaySec : Double.POSITIVE_INFINITY);
    }

    private void finish() {
        double end = seconds(ring.end());
        if (nextWindow == 0 && ring.end() > 0) {
            // a program shorter than one window: scan what there is, as one window
            waiting.addAll(finder.accept(0, embedder.embed(ring.copy(0, (int) ring.end()))));
            nextWindow = 1;
        }
        waiting.addAll(finder.finish(Math.max(0, nextWindow - 1)));
        advance(end);
    }

    private void release(double beforeSec) {
        for (Detection d : occurrences.releaseBefore(beforeSec)) {
            detections++;
            listener.onDetection(d);
        }
    }

    private long windowStart(long k) {
        return Math.round(k * plan.hopSec() * embedder.sampleRate());
    }

    private double seconds(long samples) {
        return (double) samples / embedder.sampleRate();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.soundmark.SoundmarkException("interrupted while waiting to reconnect", e);
        }
    }
}
