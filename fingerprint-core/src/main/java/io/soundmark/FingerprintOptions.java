package io.soundmark;

import io.soundmark.model.Precision;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The options of an {@link AudioFingerprinter}, validated on construction. Names, defaults and
 * ranges are those of SPEC; see {@link AudioFingerprinter.Builder} for each.
 *
 * @param segmentDurationSec  window length, 1.0–30.0 s (default 5.0)
 * @param segmentHopSec       step between window starts, 0.5–15.0 s (default 2.5)
 * @param sampleRate          processing rate, 8000–192000 Hz (default 48000)
 * @param normalizeEmbeddings L2-normalise each vector (default true)
 * @param maxAudioLengthSec   audio beyond this is ignored, 1.0–600.0 s (default 120.0)
 * @param batchSize           model inputs per inference call, 1–256 (default 2)
 * @param device              inference device: {@code cpu} (default), {@code gpu} or {@code gpu:N}
 * @param strict              a decode that stops early on corruption is an error instead of a warning
 *                            (default false)
 * @param precision           the model variant to run: {@code AUTO} (default: bf16 where the CPU has
 *                            native bf16 and the model a bf16 variant, else fp32), FP32, BF16 or INT8
 */
public record FingerprintOptions(
        double segmentDurationSec,
        double segmentHopSec,
        int sampleRate,
        boolean normalizeEmbeddings,
        double maxAudioLengthSec,
        int batchSize,
        String device,
        boolean strict,
        Precision precision) {

    public static final double DEFAULT_SEGMENT_DURATION_SEC = 5.0;
    public static final double DEFAULT_SEGMENT_HOP_SEC = 2.5;
    public static final int DEFAULT_SAMPLE_RATE = 48000;
    public static final double DEFAULT_MAX_AUDIO_LENGTH_SEC = 120.0;
    public static final int DEFAULT_BATCH_SIZE = 2; // fastest per window on 2 cores with the full-size stand-in (bench)
    public static final String DEFAULT_DEVICE = "cpu";

    private static final Pattern DEVICE = Pattern.compile("cpu|gpu(:\\d{1,3})?");

    /** @throws IllegalArgumentException naming the parameter, the value and the allowed range */
    public FingerprintOptions {
        checkRange("segment_duration_sec", segmentDurationSec, 1.0, 30.0);
        checkRange("segment_hop_sec", segmentHopSec, 0.5, 15.0);
        checkRange("sample_rate", sampleRate, 8000, 192000);
        checkRange("max_audio_length_sec", maxAudioLengthSec, 1.0, 600.0);
        checkRange("batch_size", batchSize, 1, 256);
        if (device == null || !DEVICE.matcher(device.toLowerCase(Locale.ROOT)).matches()) {
            throw new IllegalArgumentException("device = " + device + " is not valid: allowed cpu, gpu or gpu:N");
        }
        device = device.toLowerCase(Locale.ROOT);
        if (precision == null) {
            throw new IllegalArgumentException("precision = null is not valid: allowed auto, fp32, bf16 or int8");
        }
    }

    /** The defaults of SPEC, batch size 2 on the CPU, not strict, precision AUTO. */
    public static FingerprintOptions defaults() {
        return new FingerprintOptions(DEFAULT_SEGMENT_DURATION_SEC, DEFAULT_SEGMENT_HOP_SEC, DEFAULT_SAMPLE_RATE,
                true, DEFAULT_MAX_AUDIO_LENGTH_SEC, DEFAULT_BATCH_SIZE, DEFAULT_DEVICE, false,
                Precision.AUTO);
    }

    private static void checkRange(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) { // also rejects NaN
            throw new IllegalArgumentException(name + " = " + value + " is out of range: allowed " + min + " to " + max);
        }
    }

    private static void checkRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " = " + value + " is out of range: allowed " + min + " to " + max);
        }
    }
}
