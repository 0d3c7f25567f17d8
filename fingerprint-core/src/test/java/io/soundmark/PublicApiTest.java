package io.soundmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Core's public API equals the committed report {@code api/public-api.txt}. A change to the API
 * fails here until the report is regenerated ({@code mvn test -Dtest=PublicApiTest
 * -Dsoundmark.api.update=true}) and the new report is reviewed with the change.
 */
class PublicApiTest {

    @Test
    void thePublicApiIsTheReviewedOne() throws IOException {
        Path report = Path.of("api/public-api.txt");
        String actual = PublicApi.of(Path.of("target/classes"));
        if (Boolean.getBoolean("soundmark.api.update")) {
            Files.createDirectories(report.getParent());
            Files.writeString(report, actual, StandardCharsets.UTF_8);
        }
        assertEquals(Files.exists(report) ? Files.readString(report, StandardCharsets.UTF_8) : "", actual,
                "the public API changed: review it, then regenerate " + report.toAbsolutePath()
                        + " with -Dsoundmark.api.update=true");
    }
}
