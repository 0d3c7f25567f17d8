package io.soundmark.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The natives follow the platform: Maven builds the effective models of core and the FFmpeg module
 * as it would on each operating system and architecture (its JVM is told another {@code os.name}
 * and {@code os.arch}, which is what profile activation reads, for a build as for a consumer
 * resolving these POMs), and on any machine when a platform is chosen with
 * {@code -Dsoundmark.platform}. Nothing is downloaded: only the models are built. Windows is checked
 * through the explicit choice: telling Maven's JVM it runs on Windows makes Maven itself fail (its
 * console library calls Windows APIs), so the {@code <family>windows</family>} activation is the
 * one profile rule not exercised here.
 */
class PlatformResolutionTest {

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
            "Linux,   amd64,   , pytorch-native-cpu:linux-x86_64,   linux-x86_64",
            "Linux,   aarch64, , pytorch-native-cpu:linux-aarch64,  linux-arm64",
            "Mac,     aarch64, , pytorch-native-cpu:osx-aarch64,    macosx-arm64",
            "Mac,     x86_64,  , onnxruntime-engine:,               macosx-x86_64",
            "Linux,   amd64,   windows-x86_64, pytorch-native-cpu:win-x86_64, windows-x86_64",
            "Linux,   amd64,   osx-aarch64, pytorch-native-cpu:osx-aarch64, macosx-arm64"})
    void eachPlatformGetsItsOwnNatives(String osName, String osArch, String chosen, String modelRuntime, String javacpp)
            throws Exception {
        Document effective = effectivePoms(osName, osArch, chosen);
        List<String> core = dependencies(effective, "fingerprint-core");
        List<String> ffmpeg = dependencies(effective, "fingerprint-decoder-ffmpeg");
        List<String> runtimes = core.stream().filter(d -> d.startsWith("pytorch-native-cpu:")
                || d.startsWith("onnxruntime-engine:") && !d.endsWith(":test")).toList();
        assertEquals(List.of(modelRuntime + ":runtime"), runtimes, core.toString());
        assertTrue(ffmpeg.contains("ffmpeg:" + javacpp + ":compile"), ffmpeg.toString());
        assertTrue(ffmpeg.contains("javacpp:" + javacpp + ":compile"), ffmpeg.toString());
    }

    private Document effectivePoms(String osName, String osArch, String chosen) throws Exception {
        Path out = tmp.resolve("effective.xml");
        ProcessBuilder mvn = new ProcessBuilder("mvn", "-B", "-o", "-q", "help:effective-pom", "-Doutput=" + out,
                "-pl", "fingerprint-core,fingerprint-decoders/fingerprint-decoder-ffmpeg")
                .directory(Path.of("..").toAbsolutePath().normalize().toFile()).redirectErrorStream(true);
        if (chosen != null && !chosen.isBlank()) {
            mvn.command().add("-Dsoundmark.platform=" + chosen);
        }
        mvn.environment().put("MAVEN_OPTS", "-Dos.name=" + osName + " -Dos.arch=" + osArch);
        Process p = mvn.start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "mvn finishes");
        assertEquals(0, p.exitValue(), log);
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Files.newInputStream(out));
    }

    /** {@code artifactId:classifier:scope} of each dependency the module's effective model declares. */
    private static List<String> dependencies(Document effective, String artifactId) {
        for (Node n = effective.getDocumentElement().getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element project && artifactId.equals(child(project, "artifactId"))) {
                List<String> out = new ArrayList<>();
                Element deps = element(project, "dependencies");
                for (Node d = deps.getFirstChild(); d != null; d = d.getNextSibling()) {
                    if (d instanceof Element dep) {
                        String scope = child(dep, "scope");
                        out.add(child(dep, "artifactId") + ":" + orEmpty(child(dep, "classifier")) + ":"
                                + (scope == null ? "compile" : scope));
                    }
                }
                return out;
            }
        }
        throw new AssertionError("no effective model for " + artifactId);
    }

    private static Element element(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static String child(Element parent, String name) {
        Element e = element(parent, name);
        return e == null ? null : e.getTextContent().trim();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
