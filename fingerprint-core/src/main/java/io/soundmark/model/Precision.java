package io.soundmark.model;

import java.util.Locale;
import java.util.Set;

/**
 * The numeric precision a model runs at. A model directory may hold one file per precision
 * ({@code model.pt}, {@code model-bf16.pt}, {@code model-int8.pt}, as {@code model-export} writes
 * them); records keep the model's id whichever runs.
 *
 * <pre>{@code
 * AudioFingerprinter.builder().model(ModelSource.file(Path.of("clap"))).precision(Precision.BF16)
 * }</pre>
 */
public enum Precision {
    /**
     * bf16 when the model has a bf16 variant and the CPU computes bf16 natively (Intel AMX or
     * AVX512_BF16, AMD Zen 4 and later, Arm with BF16), else fp32; never int8. Detection can be
     * overridden with the system property {@code soundmark.cpu.bf16=true|false}.
     */
    AUTO,
    /** 32-bit floats: the reference. */
    FP32,
    /** bfloat16 matrix products with fp32 input and output: about twice as fast on CPUs with native bf16. */
    BF16,
    /** Dynamically quantised int8 linear layers: smaller and faster, at a lower fidelity; opt-in only. */
    INT8;

    /** The name in manifests and file names: {@code fp32}, {@code bf16}, {@code int8} (or {@code auto}). */
    public String manifestName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The precision named {@code name} in a manifest or on the command line, case-insensitive. */
    public static Precision fromName(String name) {
        for (Precision p : values()) {
            if (p.manifestName().equalsIgnoreCase(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("precision = " + name + " is not valid: allowed auto, fp32, bf16 or int8");
    }

    /**
     * The variant to run for this request among those {@code available}: itself when it is not
     * {@link #AUTO}; for AUTO, bf16 when available and {@code nativeBf16}, else fp32 (or the one
     * variant there is, when there is no fp32).
     */
    public Precision choose(Set<Precision> available, boolean nativeBf16) {
        if (this != AUTO) {
            return this;
        }
        if (nativeBf16 && available.contains(BF16)) {
            return BF16;
        }
        if (available.contains(FP32) || available.isEmpty()) {
            return FP32;
        }
        return available.contains(BF16) ? BF16 : available.iterator().next();
    }
}
