package io.soundmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.soundmark.model.ModelSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The library leaves its host alone: no JVM-wide settings changed, no files left in the temporary directory. */
class HostFriendlinessTest {

    @Test
    void buildingUsingAndClosingFingerprintersLeavesNoTemporaryDirectories() throws IOException {
        long before = djlScratchDirectories();
        for (int i = 0; i < 3; i++) {
            try (AudioFingerprinter f = AudioFingerprinter.builder().model(ModelSource.demo()).build()) {
                assertEquals(2, f.fingerprint(FingerprintInput.pcm(new float[48000 * 6], 48000, 1)).size());
            }
        }
        assertEquals(before, djlScratchDirectories());
    }

    private static long djlScratchDirectories() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(f -> f.getFileName().toString().startsWith("pt-model")).count();
        }
    }

    /**
     * In a fresh JVM, as a host application has it: DJL not started yet and no {@code ai.djl.offline}
     * set. The one property the library touches (to keep DJL's first start off the network) is set
     * only while DJL initialises and removed again, so the host sees no change of ours. JNA, which
     * DJL loads to look for CUDA, records its own state in {@code jna.*} and {@code jnidispatch.*}
     * properties; those are the library JNA's doing and are left out of the comparison.
     */
    @Test
    void theHostsSystemPropertiesAreTheSameAfterBuildingAndUsingAFingerprinter() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), PropertiesProbe.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(120, TimeUnit.SECONDS);
        assertEquals(0, p.exitValue(), out);
        assertEquals("unchanged", out.lines().reduce((a, b) -> b).orElse(""), out);
    }

    /** Runs in the child JVM: fingerprints with the demo model and compares the system properties. */
    public static final class PropertiesProbe {
        public static void main(String[] args) {
            Map<String, String> before = snapshot();
            if (before.containsKey("ai.djl.offline")) {
                System.out.println("the probe must start without ai.djl.offline");
                System.exit(2);
            }
            try (AudioFingerprinter f = AudioFingerprinter.builder().model(ModelSource.demo()).build()) {
                f.fingerprint(FingerprintInput.pcm(new float[48000 * 6], 48000, 1));
            }
            Map<String, String> after = snapshot();
            if (!before.equals(after)) {
                Map<String, String> changed = new TreeMap<>();
                after.forEach((k, v) -> {
                    if (!Objects.equals(before.get(k), v)) {
                        changed.put(k, v);
                    }
                });
                before.keySet().stream().filter(k -> !after.containsKey(k)).forEach(k -> changed.put(k, "<removed>"));
                System.out.println("changed: " + changed);
                System.exit(1);
            }
            System.out.println("unchanged");
        }

        private static Map<String, String> snapshot() {
            Properties p = System.getProperties();
            Map<String, String> copy = new TreeMap<>();
            for (String name : p.stringPropertyNames()) {
                if (!name.startsWith("jna.") && !name.startsWith("jnidispatch.")) {
                    copy.put(name, p.getProperty(name));
                }
            }
            return copy;
        }
    }
}
