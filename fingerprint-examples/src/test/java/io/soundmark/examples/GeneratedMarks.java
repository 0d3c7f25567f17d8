package io.soundmark.examples;

import io.soundmark.TestFiles;
import java.io.IOException;
import java.nio.file.Path;

/** Test audio at 48 kHz: two marks of 2 s (rising tones with clicks) and a 20 s program of quiet noise holding them. */
public final class GeneratedMarks {

    public static final int RATE = 48000;
    /** Where the program holds mark A and mark B. */
    public static final double A_AT = 6.37;
    public static final double B_AT = 13.81;

    private GeneratedMarks() {
    }

    /** Sample {@code frame} of mark {@code which} (0 or 1): each its own scale and click rhythm. */
    public static double mark(int which, long frame) {
        double t = (double) frame / RATE;
        double f = (which == 0 ? 300 : 410) * Math.pow(2, Math.floor(t * (which == 0 ? 6 : 5)) / (which == 0 ? 4 : 3));
        double click = frame % (which == 0 ? 4000 : 5300) < 40 ? 0.4 : 0;
        return 0.3 * Math.sin(2 * Math.PI * f * t) * Math.exp(-4 * (t % (1 / 6.0))) + click;
    }

    /** Sample {@code frame} of the program: noise with mark 0 from {@link #A_AT} and, if asked, mark 1 from {@link #B_AT}. */
    public static double program(long frame, boolean withB) {
        double t = (double) frame / RATE;
        if (t >= A_AT && t < A_AT + 2) {
            return mark(0, frame - Math.round(A_AT * RATE));
        }
        if (withB && t >= B_AT && t < B_AT + 2) {
            return mark(1, frame - Math.round(B_AT * RATE));
        }
        return TestFiles.noise(0.05, 99).at(frame, 0) + 0.02 * Math.sin(frame * 0.031);
    }

    public static Path markWav(Path file, int which) throws IOException {
        return TestFiles.writeWav16(file, RATE, 1, 2L * RATE, (f, c) -> mark(which, f));
    }

    public static Path programWav(Path file, boolean withB) throws IOException {
        return TestFiles.writeWav16(file, RATE, 1, 20L * RATE, (f, c) -> program(f, withB));
    }
}
