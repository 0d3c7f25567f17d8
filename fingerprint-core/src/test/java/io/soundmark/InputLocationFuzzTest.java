package io.soundmark;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.soundmark.io.DisplayUri;
import io.soundmark.io.SourceOptions;
import io.soundmark.model.ModelSource;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes input locations: any string gives audio, or a {@link MediaException} with a clear
 * message that shows no credentials or query; {@link DisplayUri} never fails and hides them too.
 *
 * <p>Nothing leaves the machine or a sandbox directory: http and https are not allowed (and
 * Jazzer's bug detectors report any connection), the other allowed schemes have no provider
 * here, and local files are allowed only for locations inside the sandbox, which Jazzer's file
 * path detector enforces. The word {@code SANDBOX} in an input stands for the sandbox's path, so
 * that seeds and mutations reach its files: audio, an empty file, a directory, a FIFO.
 */
class InputLocationFuzzTest {

    private static final String SANDBOX_WORD = "SANDBOX";
    private static final int TONE_RATE = 22050;
    private static final Set<String> SCHEMES_WITHOUT_PROVIDER = Set.of("ftp", "jar", "data", "s3");

    private static Path sandbox;
    private static AudioFingerprinter localFiles;
    private static AudioFingerprinter noLocalFiles;

    @BeforeAll
    static void makeSandbox() throws IOException, InterruptedException {
        sandbox = Files.createTempDirectory("soundmark-fuzz-").toRealPath();
        byte[] tone = TestFiles.resourceBytes("audio/mono_s16_22k.wav");
        Files.write(sandbox.resolve("tone.wav"), tone);
        Files.write(sandbox.resolve("cut.wav"), Arrays.copyOf(tone, 100));
        Files.write(sandbox.resolve("name with spaces.wav"), tone);
        Files.createFile(sandbox.resolve("empty.wav"));
        Files.writeString(sandbox.resolve("notes.txt"), "not audio");
        Files.createDirectory(sandbox.resolve("dir"));
        new ProcessBuilder("mkfifo", sandbox.resolve("fifo").toString()).inheritIO().start().waitFor();
        Set<String> schemes = new HashSet<>(SCHEMES_WITHOUT_PROVIDER);
        schemes.add("file");
        localFiles = fingerprinter(schemes);
        noLocalFiles = fingerprinter(SCHEMES_WITHOUT_PROVIDER);
    }

    private static AudioFingerprinter fingerprinter(Set<String> schemes) {
        return AudioFingerprinter.builder().model(ModelSource.demo())
                .sampleRate(TONE_RATE) // the sandbox's audio needs no resampling: locations are under test here
                .sourceOptions(SourceOptions.defaults().withAllowedSchemes(schemes).withMaxBytes(1 << 20))
                .build();
    }

    @AfterAll
    static void removeSandbox() throws IOException {
        localFiles.close();
        noLocalFiles.close();
        try (var files = Files.walk(sandbox)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @FuzzTest(maxDuration = "60s")
    @Timeout(10)
    void locationsOpenInsideTheSandboxOrFailCleanly(byte[] bytes) {
        String location = new String(bytes, StandardCharsets.UTF_8).replace(SANDBOX_WORD, sandbox.toString());
        URI uri = parse(location);
        checkHidesSecrets(DisplayUri.of(location), uri, "DisplayUri.of(String)");
        if (uri != null) {
            checkHidesSecrets(DisplayUri.of(uri), uri, "DisplayUri.of(URI)");
        }
        AudioFingerprinter fingerprinter = staysInSandbox(location) ? localFiles : noLocalFiles;
        try (SilentCloseable onlySandbox = BugDetectors.setFilePathTraversalAllowPath(
                p -> p.toAbsolutePath().normalize().startsWith(sandbox))) {
            FingerprintInput input;
            try {
                input = FingerprintInput.audio(location);
            } catch (IllegalArgumentException e) {
                if (!location.isBlank()) {
                    throw e;
                }
                return;
            }
            try (DecodedAudio audio = fingerprinter.openAudio(input)) {
                audio.read(new float[TONE_RATE], 0, TONE_RATE);
            } catch (MediaException e) {
                ClearMessage.check(e, location);
                checkHidesSecrets(e.input(), uri, "the message");
            }
        }
    }

    /** The location as a URI with a scheme, or null for a local path (where "?" and "@" are file name characters). */
    private static URI parse(String location) {
        try {
            return DisplayUri.hasScheme(location) ? new URI(location) : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** What a URI with credentials or a query is shown as must itself read as a URI without them. */
    private static void checkHidesSecrets(String shown, URI uri, String where) {
        URI shownUri = parse(shown);
        if (uri == null || shownUri == null) {
            return;
        }
        if (uri.getRawUserInfo() != null && shownUri.getRawUserInfo() != null) {
            throw new AssertionError(where + " shows the credentials: " + shown);
        }
        if (uri.getRawQuery() != null && shownUri.getRawQuery() != null) {
            throw new AssertionError(where + " shows the query: " + shown);
        }
    }

    /**
     * Whether a local file the location names lies inside the sandbox, read the way the resolver
     * reads locations; a location that names no local file at all (another scheme, or a string
     * the resolver refuses before touching anything) counts as inside.
     */
    private static boolean staysInSandbox(String location) {
        Path path;
        try {
            if (!DisplayUri.hasScheme(location)) {
                path = Path.of(location);
            } else if (location.regionMatches(true, 0, "file:", 0, 5)) {
                path = Path.of(new URI(location));
            } else {
                return true;
            }
        } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException e) {
            return true;
        }
        return path.isAbsolute() && path.normalize().startsWith(sandbox);
    }
}
