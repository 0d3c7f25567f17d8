package io.soundmark.index;

import io.soundmark.AudioFingerprinter;
import io.soundmark.DecodedAudio;
import io.soundmark.FingerprintInput;
import io.soundmark.SoundmarkException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Prepares the marks of a marks index for detection: each mark's probes and verify window under
 * the detector's plan, read from the index when an earlier run stored them, else cut from the
 * mark's audio (read again from the location recorded when it was added) and stored for next time
 * when the index is writable.
 */
final class MarkLoader {

    private MarkLoader() {
    }

    /** Each mark's length in seconds, in the index's source order. */
    static List<Double> lengths(SegmentIndex marks, List<IndexedSource> sources) {
        List<Double> out = new ArrayList<>();
        for (IndexedSource s : sources) {
            Double total = s.totalDurationSec();
            if (total == null) {
                var records = marks.segments(s.id());
                total = records.isEmpty() ? 0.0 : records.get(records.size() - 1).endTimeSec();
            }
            out.add(total);
        }
        return out;
    }

    static List<MarkWindows> load(SegmentIndex marks, List<IndexedSource> sources, List<Double> lengths, WindowPlan plan,
                                  AudioFingerprinter fingerprinter, WindowEmbedder embedder) {
        String key = plan.cacheKey(fingerprinter.modelManifest(), embedder.sampleRate());
        List<MarkWindows> out = new ArrayList<>();
        float[][] calibration = null; // embedded once, when a mark needs preparing
        for (int i = 0; i < sources.size(); i++) {
            IndexedSource source = sources.get(i);
            Optional<MarkWindows> stored = MarkWindowStore.read(marks, source.id(), key);
            if (stored.isPresent()) {
                out.add(stored.get());
                continue;
            }
            if (calibration == null) {
                calibration = calibrationWindows(plan, embedder);
            }
            MarkWindows cut = cut(marks, source, lengths.get(i), plan, fingerprinter, embedder, calibration);
            if (marks.writable()) {
                MarkWindowStore.write(marks, cut, key);
            }
            out.add(cut);
        }
        return out;
    }

    /** The scan windows of {@link CalibrationAudio}, as the scan would cut them. */
    private static float[][] calibrationWindows(WindowPlan plan, WindowEmbedder embedder) {
        float[] audio = CalibrationAudio.samples(embedder.sampleRate());
        int window = embedder.samples(plan.windowSec());
        List<float[]> out = new ArrayList<>();
        for (long k = 0, from; (from = Math.round(k * plan.hopSec() * embedder.sampleRate())) + window <= audio.length; k++) {
            out.add(embedder.embed(Arrays.copyOfRange(audio, (int) from, (int) from + window)));
        }
        return out.toArray(new float[0][]);
    }

    private static MarkWindows cut(SegmentIndex marks, IndexedSource source, double lengthSec, WindowPlan plan,
                                   AudioFingerprinter fingerprinter, WindowEmbedder embedder, float[][] calibration) {
        if (source.location() == null) {
            throw new IndexException(marks.directory(), "mark " + source.id() + " was added from a stream, so its audio "
                    + "cannot be read again to prepare it for detection; add it from a file or URL");
        }
        float[] audio = decode(source, fingerprinter);
        int window = embedder.samples(plan.windowSec());
        int count = MarkWindows.probeCount(lengthSec, plan);
        float[][] probes = new float[count][];
        for (int p = 0; p < count; p++) {
            int from = embedder.samples(p * plan.probeHopSec());
            probes[p] = embedder.embed(Arrays.copyOfRange(audio, from, Math.min(audio.length, from + window)));
        }
        double verifySec = Math.min(lengthSec, plan.verifySec());
        float[] verify = embedder.embed(Arrays.copyOf(audio, Math.min(audio.length, embedder.samples(verifySec))));
        MarkWindows mark = new MarkWindows(source.id(), lengthSec, probes, verify, verifySec, new double[0]);
        return new MarkWindows(source.id(), lengthSec, probes, verify, verifySec,
                CandidateFinder.evidence(mark, plan, calibration));
    }

    private static float[] decode(IndexedSource source, AudioFingerprinter fingerprinter) {
        FingerprintInput input = source.audioSourceType() == io.soundmark.AudioSourceType.VIDEO
                ? FingerprintInput.video(source.location()) : FingerprintInput.audio(source.location());
        try (DecodedAudio audio = fingerprinter.openAudio(input)) {
            float[] out = new float[1 << 16];
            int size = 0;
            for (int n; (n = audio.read(out, size, out.length - size)) > 0; ) {
                size += n;
                if (size == out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
            }
            return Arrays.copyOf(out, size);
        } catch (SoundmarkException e) {
            throw new SoundmarkException("mark " + source.id() + ": cannot read its audio again to prepare it for detection: "
                    + e.getMessage(), e);
        }
    }
}
