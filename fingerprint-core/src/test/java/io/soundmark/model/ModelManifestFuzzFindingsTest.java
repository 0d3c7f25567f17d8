package io.soundmark.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** Manifests the fuzz test found, each kept as the case it failed on. */
class ModelManifestFuzzFindingsTest {

    @Test
    void malformedJsonGivesAOneLineMessageWithoutGsonsTypeOrLink() {
        IOException e = assertThrows(IOException.class, () -> ModelManifest.parse(new StringReader("{\"id\": \"x")));
        assertEquals("malformed manifest (Unterminated string at line 1 column 10 path $.id)", e.getMessage());
    }

    @Test
    void aFieldWithALineBreakIsQuotedOnOneLine() {
        IOException e = assertThrows(IOException.class,
                () -> ModelManifest.parse(new StringReader("{\"sha256\": \"abc\\nwarning: forged\"}")));
        assertEquals("unsupported manifest: sha256 must be 64 hex digits, got \"abc\\nwarning: forged\"", e.getMessage());
    }

    @Test
    void aKeyWithAControlCharacterInGsonsPathStaysOnOneLine() {
        IOException e = assertThrows(IOException.class,
                () -> ModelManifest.parse(new StringReader("{\"features\": {\"a\rb\" 1}}")));
        assertEquals("malformed manifest (Expected ':' at line 1 column 22 path $.features.a\\rb)", e.getMessage());
    }
}
