package io.soundmark.index;

/**
 * How a scan went.
 *
 * @param programSec   seconds of input scanned
 * @param modelCalls   windows run through the model: scan windows plus those cut to check candidates
 * @param candidates   candidates checked
 * @param detections   occurrences reported
 * @param reconnects   times the input was opened again after an interruption
 * @param elapsedSec   wall-clock time of the scan
 */
public record DetectionSummary(double programSec, long modelCalls, long candidates, long detections, int reconnects,
                               double elapsedSec) {

    /** Model calls per second of input. */
    public double callsPerSecond() {
        return programSec > 0 ? modelCalls / programSec : 0;
    }

    /** Seconds of input scanned per second of wall-clock time (× real time). */
    public double speed() {
        return elapsedSec > 0 ? programSec / elapsedSec : 0;
    }
}
