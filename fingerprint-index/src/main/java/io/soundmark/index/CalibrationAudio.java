package io.soundmark.index;

import java.util.Random;

/**
 * A fixed stretch of generic audio that no mark resembles, for a first background of each mark's
 * scores before the scanned program has supplied its own: white, pink and brown noise, a harmonic
 * tone, a chord, a sweep, a click train and noise with a speech-like envelope, 2.5 s each. Always
 * the same samples, so that the same marks give the same background.
 */
final class CalibrationAudio {

    static final double SECTION_SEC = 2.5;
    private static final int SECTIONS = 8;

    private CalibrationAudio() {
    }

    static float[] samples(int rate) {
        Random random = new Random(20260101L);
        int section = (int) Math.round(SECTION_SEC * rate);
        float[] x = new float[section * SECTIONS];
        double pink = 0;
        double brown = 0;
        double sweepPhase = 0;
        for (int i = 0; i < x.length; i++) {
            int s = i / section;
            double t = (double) (i % section) / rate;
            double white = random.nextGaussian();
            pink = 0.95 * pink + 0.05 * white;
            brown = 0.995 * brown + 0.005 * white;
            sweepPhase += 2 * Math.PI * (200 * Math.pow(20, t / SECTION_SEC)) / rate;
            double v = switch (s) {
                case 0 -> 0.3 * white;
                case 1 -> 2.0 * pink;
                case 2 -> 8.0 * brown;
                case 3 -> 0.3 * (Math.sin(2 * Math.PI * 330 * t) + 0.5 * Math.sin(2 * Math.PI * 660 * t)
                        + 0.25 * Math.sin(2 * Math.PI * 990 * t));
                case 4 -> 0.2 * (Math.sin(2 * Math.PI * 261.6 * t) + Math.sin(2 * Math.PI * 329.6 * t)
                        + Math.sin(2 * Math.PI * 392.0 * t));
                case 5 -> 0.4 * Math.sin(sweepPhase);
                case 6 -> (i % (rate / 8)) < rate / 400 ? 0.8 * white : 0.01 * white;
                default -> 2.0 * pink * Math.abs(Math.sin(2 * Math.PI * 4 * t) * Math.sin(2 * Math.PI * 0.7 * t));
            };
            x[i] = (float) Math.max(-1, Math.min(1, v));
        }
        return x;
    }
}
