package io.soundmark.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What the CPU computes natively, from the feature flags the operating system reports
 * ({@code /proc/cpuinfo} on Linux). Elsewhere nothing is detected, and the system property
 * {@code soundmark.cpu.bf16=true|false} decides.
 */
public final class CpuFeatures {

    /** System property that overrides bf16 detection. */
    public static final String BF16_PROPERTY = "soundmark.cpu.bf16";

    private static final Path CPUINFO = Path.of("/proc/cpuinfo");

    private final String model;
    private final Set<String> flags;

    private CpuFeatures(String model, Set<String> flags) {
        this.model = model;
        this.flags = flags;
    }

    /** This machine's CPU, as far as the operating system tells. */
    public static CpuFeatures detect() {
        if (!Files.isReadable(CPUINFO)) {
            return new CpuFeatures(System.getProperty("os.arch"), Set.of());
        }
        try {
            return parse(Files.readString(CPUINFO));
        } catch (IOException e) {
            return new CpuFeatures(System.getProperty("os.arch"), Set.of());
        }
    }

    /** Parses {@code /proc/cpuinfo} text (x86 "flags", Arm "Features"). */
    static CpuFeatures parse(String cpuinfo) {
        String model = null;
        Set<String> flags = new LinkedHashSet<>();
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (model == null && (key.equals("model name") || key.equals("cpu model") || key.equals("hardware"))) {
                model = value;
            } else if (flags.isEmpty() && (key.equals("flags") || key.equals("features"))) {
                flags.addAll(Arrays.asList(value.split("\\s+")));
            }
        }
        return new CpuFeatures(model == null ? System.getProperty("os.arch") : model, flags);
    }

    /** The CPU's model name. */
    public String model() {
        return model;
    }

    /** The vector and matrix features that matter for inference, e.g. {@code avx2 avx512f amx_bf16}. */
    public Set<String> inferenceFlags() {
        Set<String> out = new LinkedHashSet<>();
        for (String f : new String[] {"avx2", "fma", "avx512f", "avx512_vnni", "avx512_bf16", "avx512_fp16",
                "amx_tile", "amx_bf16", "amx_int8", "asimd", "sve", "sve2", "bf16", "i8mm"}) {
            if (flags.contains(f)) {
                out.add(f);
            }
        }
        return out;
    }

    /**
     * Whether bf16 runs natively (Intel AMX or AVX512_BF16, which AMD Zen 4 has too; Arm BF16);
     * the system property {@value #BF16_PROPERTY}, when set, decides instead.
     */
    public boolean nativeBf16() {
        String override = System.getProperty(BF16_PROPERTY);
        if (override != null && !override.isBlank()) {
            return Boolean.parseBoolean(override.trim());
        }
        return flags.contains("amx_bf16") || flags.contains("avx512_bf16") || flags.contains("bf16");
    }
}
