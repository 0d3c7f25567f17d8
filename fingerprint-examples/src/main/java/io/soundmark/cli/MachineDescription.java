package io.soundmark.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The machine a benchmark ran on: CPU model, the SIMD flags that matter for inference, cores and load. */
final class MachineDescription {

    private static final Set<String> FLAGS = Set.of("avx2", "fma", "avx512f", "avx512_bf16", "avx512_vnni", "avx_vnni",
            "amx_bf16", "amx_int8");

    private MachineDescription() {
    }

    static String describe() {
        String model = "unknown CPU";
        String flags = "";
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            model = value(lines, "model name", model);
            flags = Set.of(value(lines, "flags", "").split(" ")).stream().filter(FLAGS::contains).sorted()
                    .collect(Collectors.joining(" "));
        } catch (IOException e) {
            // not Linux: the model stays unknown
        }
        String load = "";
        try {
            load = ", load " + Files.readString(Path.of("/proc/loadavg")).trim().split(" ")[0];
        } catch (IOException e) {
            // not Linux
        }
        return String.format(Locale.ROOT, "machine: %s, %d cores, flags %s%s; Java %s", model,
                Runtime.getRuntime().availableProcessors(), flags.isEmpty() ? "(none listed)" : flags, load,
                System.getProperty("java.version"));
    }

    private static String value(List<String> lines, String key, String fallback) {
        return lines.stream().filter(l -> l.startsWith(key)).findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim())
                .orElse(fallback);
    }
}
