package io.soundmark.index;

import io.soundmark.FingerprintOptions;

/**
 * How the records of an index were cut: window length, step between windows and processing rate,
 * as set on the {@link io.soundmark.AudioFingerprinter} that made them. An index holds records of
 * one layout only, so that their times and scores compare.
 *
 * <pre>{@code
 * SegmentParameters parameters = SegmentParameters.of(fingerprinter.options());
 * }</pre>
 *
 * @param segmentDurationSec window length in seconds
 * @param segmentHopSec      step between window starts in seconds
 * @param sampleRate         processing rate in Hz
 */
public record SegmentParameters(double segmentDurationSec, double segmentHopSec, int sampleRate) {

    /** @throws IllegalArgumentException when a value is not positive and finite */
    public SegmentParameters {
        if (!(segmentDurationSec > 0 && segmentDurationSec < 1e6) || !(segmentHopSec > 0 && segmentHopSec < 1e6)
                || sampleRate <= 0) {
            throw new IllegalArgumentException("segment parameters must be positive: duration " + segmentDurationSec
                    + " s, hop " + segmentHopSec + " s, sample rate " + sampleRate + " Hz");
        }
    }

    /** The layout of a fingerprinter's options. */
    public static SegmentParameters of(FingerprintOptions options) {
        return new SegmentParameters(options.segmentDurationSec(), options.segmentHopSec(), options.sampleRate());
    }

    /** {@code "5.0 s windows every 2.5 s at 48000 Hz"}. */
    @Override
    public String toString() {
        return segmentDurationSec + " s windows every " + segmentHopSec + " s at " + sampleRate + " Hz";
    }
}
