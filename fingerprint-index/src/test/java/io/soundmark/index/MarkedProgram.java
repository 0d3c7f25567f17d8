package io.soundmark.index;

import io.soundmark.TestFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generated test audio at 48 kHz: sound marks (short melodies of harmonic tones with a noise
 * burst, each its own) and programs (drifting chords over coloured noise) with marks spliced in at
 * given times.
 */
final class MarkedProgram {

    static final int RATE = 48000;

    private MarkedProgram() {
    }

    /** Mark {@code seed}: {@code seconds} long, notes of 0.1 to 0.4 s on its own scale and timbre. */
    static float[] mark(long seed, double seconds) {
        Random r = new Random(seed);
        float[] x = new float[(int) Math.round(seconds * RATE)];
        double base = 220 * Math.pow(2, r.nextInt(12) / 12.0);
        double[] partials = {1, r.nextDouble(), r.nextDouble() * 0.6, r.nextDouble() * 0.4};
        int at = 0;
        while (at < x.length) {
            int length = Math.min(x.length - at, (int) ((0.1 + 0.3 * r.nextDouble()) * RATE));
            double f = base * Math.pow(2, r.nextInt(15) / 12.0);
            boolean burst = r.nextInt(4) == 0;
            for (int i = 0; i < length; i++) {
                double t = (double) i / RATE;
                double env = Math.min(1, i / 480.0) * Math.exp(-3 * t);
                double v = 0;
                for (int p = 0; p < partials.length; p++) {
                    v += partials[p] * Math.sin(2 * Math.PI * f * (p + 1) * t);
                }
                if (burst) {
                    v += (r.nextDouble() * 2 - 1) * Math.exp(-30 * t);
                }
                x[at + i] = (float) (0.25 * env * v);
            }
            at += length;
        }
        return x;
    }

    /** A program of {@code seconds}: chords changing every 1.5 to 3 s over coloured noise. */
    static float[] program(long seed, double seconds) {
        Random r = new Random(seed);
        float[] x = new float[(int) Math.round(seconds * RATE)];
        double noise = 0;
        int at = 0;
        while (at < x.length) {
            int length = Math.min(x.length - at, (int) ((1.5 + 1.5 * r.nextDouble()) * RATE));
            double root = 110 * Math.pow(2, r.nextInt(24) / 12.0);
            double[] chord = {root, root * Math.pow(2, (3 + r.nextInt(2)) / 12.0), root * 1.5};
            for (int i = 0; i < length; i++) {
                double t = (double) i / RATE;
                double v = 0;
                for (double f : chord) {
                    v += Math.sin(2 * Math.PI * f * t);
                }
                noise = 0.98 * noise + 0.02 * (r.nextDouble() * 2 - 1);
                x[at + i] = (float) (0.08 * v + 2.0 * noise);
            }
            at += length;
        }
        return x;
    }

    /** A placed mark: which one, and where it starts in the program. */
    record Placement(float[] mark, double startSec) {
    }

    /** Replaces the program's audio by each mark from its start. */
    static float[] splice(float[] program, List<Placement> placements) {
        float[] out = program.clone();
        for (Placement p : placements) {
            int from = (int) Math.round(p.startSec() * RATE);
            System.arraycopy(p.mark(), 0, out, from, Math.min(p.mark().length, out.length - from));
        }
        return out;
    }

    static Path wav(Path file, float[] samples) throws IOException {
        return TestFiles.writeWav16(file, RATE, 1, samples.length, (f, c) -> samples[(int) f]);
    }

    /** The samples as 16-bit WAV bytes, for streaming. */
    static byte[] wavBytes(float[] samples) throws IOException {
        Path tmp = java.nio.file.Files.createTempFile("program", ".wav");
        try {
            return java.nio.file.Files.readAllBytes(wav(tmp, samples));
        } finally {
            java.nio.file.Files.delete(tmp);
        }
    }

    static List<Placement> placements(Object... markAndStart) {
        List<Placement> out = new ArrayList<>();
        for (int i = 0; i < markAndStart.length; i += 2) {
            out.add(new Placement((float[]) markAndStart[i], (Double) markAndStart[i + 1]));
        }
        return out;
    }
}
