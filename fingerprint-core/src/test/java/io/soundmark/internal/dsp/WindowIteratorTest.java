package io.soundmark.internal.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The window rules of SPEC, on sample counts that exercise every boundary. */
class WindowIteratorTest {

    private static final int RATE = 8000;

    /** [start, end, samples] of every window. */
    static List<double[]> windows(double seconds, double d, double h, double max) throws IOException {
        int n = (int) Math.round(seconds * RATE);
        float[] samples = new float[n];
        for (int i = 0; i < n; i++) {
            samples[i] = i;
        }
        WindowIterator it = new WindowIterator(new ArraySource(samples, RATE, 1000), d, h, max, () -> (double) n / RATE);
        List<double[]> out = new ArrayList<>();
        for (AudioWindow w; (w = it.next()) != null; ) {
            assertEquals(out.size(), w.index());
            long first = Math.round(w.startSec() * RATE);
            if (w.copyOfSamples().length > 0) {
                assertEquals(first, (long) w.copyOfSamples()[0], "window " + w.index() + " starts at round(start * rate)");
            }
            out.add(new double[] {w.startSec(), w.endSec(), w.copyOfSamples().length});
        }
        assertNull(it.next(), "stays finished");
        return out;
    }

    static void assertWindows(List<double[]> actual, double[]... expected) {
        assertEquals(expected.length, actual.size(), "window count");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i][0], actual.get(i)[0], 1e-9, "start of window " + i);
            assertEquals(expected[i][1], actual.get(i)[1], 1e-9, "end of window " + i);
            assertEquals(Math.round(expected[i][1] * RATE) - Math.round(expected[i][0] * RATE), actual.get(i)[2], "samples of window " + i);
        }
    }

    @Test
    void twelveSecondsGiveFourWindows() throws IOException {
        assertWindows(windows(12, 5, 2.5, 120), new double[] {0, 5}, new double[] {2.5, 7.5}, new double[] {5, 10},
                new double[] {7.5, 12});
    }

    @Test
    void sevenHundredSecondsAreTruncatedToFortySevenWindowsEndingAt120() throws IOException {
        List<double[]> w = windows(700, 5, 2.5, 120);
        assertEquals(47, w.size());
        assertEquals(115, w.get(46)[0], 1e-9);
        assertEquals(120, w.get(46)[1], 1e-9);
    }

    @Test
    void audioShorterThanOneWindowGivesOneWindowOfItsLength() throws IOException {
        assertWindows(windows(0.3, 5, 2.5, 120), new double[] {0, 0.3});
    }

    @Test
    void zeroSamplesGiveZeroWindows() throws IOException {
        assertEquals(0, windows(0, 5, 2.5, 120).size());
    }

    @Test
    void noWindowLiesInsideThePreviousOnesTail() throws IOException {
        // 10 s: [0,5] [2.5,7.5] [5,10] and no [7.5,10]
        assertWindows(windows(10, 5, 2.5, 120), new double[] {0, 5}, new double[] {2.5, 7.5}, new double[] {5, 10});
        // 10.0001 s: one more window, ending at L
        assertEquals(4, windows(10.0001, 5, 2.5, 120).size());
    }

    @Test
    void hopEqualToDurationGivesAdjacentWindows() throws IOException {
        assertWindows(windows(12, 3, 3, 120), new double[] {0, 3}, new double[] {3, 6}, new double[] {6, 9},
                new double[] {9, 12});
    }

    @Test
    void hopLongerThanDurationSkipsAudio() throws IOException {
        assertWindows(windows(10, 1, 4, 120), new double[] {0, 1}, new double[] {4, 5}, new double[] {8, 9});
    }

    @Test
    void truncationInsideAWindowEndsItAtTheLimit() throws IOException {
        assertWindows(windows(20, 5, 2.5, 6), new double[] {0, 5}, new double[] {2.5, 6});
    }

    @Test
    void thirtySecondWindowsOnLongAudio() throws IOException {
        List<double[]> w = windows(65, 30, 15, 600);
        assertWindows(w, new double[] {0, 30}, new double[] {15, 45}, new double[] {30, 60}, new double[] {45, 65});
    }
}
