package io.soundmark.examples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Java snippet of the README is a whole method or class of the examples, verbatim (only the
 * indentation may differ), so that the README shows code that compiles and is tested.
 */
class ReadmeSnippetsTest {

    static final Path README = Path.of("../README.md");
    /** The repository root: every module's {@code examples} package counts (Spark's lives in its own module). */
    static final Path ROOT = Path.of("..");

    @Test
    void everyJavaSnippetOfTheReadmeIsCompiledExampleCode() throws IOException {
        List<List<String>> snippets = javaSnippets(Files.readAllLines(README));
        assertFalse(snippets.isEmpty(), "the README shows Java");
        List<List<String>> sources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/java/")
                    && p.getParent().getFileName().toString().equals("examples")).toList()) {
                sources.add(Files.readAllLines(f));
            }
        }
        for (List<String> snippet : snippets) {
            assertTrue(sources.stream().anyMatch(source -> contains(source, snippet)),
                    "README snippet not found verbatim in the examples:\n" + String.join("\n", snippet));
            String first = snippet.get(0).strip();
            assertTrue(first.startsWith("/**") || first.startsWith("@") || first.matches(
                    "(public |static |private |final |record |class |[A-Za-z<>\\[\\], ]+ )+[A-Za-z]+[ (<].*"),
                    "a snippet starts a method or a class (or its Javadoc): " + first);
        }
    }

    private static List<List<String>> javaSnippets(List<String> readme) {
        List<List<String>> out = new ArrayList<>();
        List<String> current = null;
        for (String line : readme) {
            if (current == null && line.strip().equals("```java")) {
                current = new ArrayList<>();
            } else if (current != null && line.strip().equals("```")) {
                out.add(current);
                current = null;
            } else if (current != null) {
                current.add(line);
            }
        }
        return out;
    }

    /** Whether {@code source} holds {@code snippet}'s lines in a row, all shifted by one indentation. */
    private static boolean contains(List<String> source, List<String> snippet) {
        for (int i = 0; i + snippet.size() <= source.size(); i++) {
            String line = source.get(i);
            if (!line.strip().equals(snippet.get(0).strip()) || line.isBlank()) {
                continue;
            }
            String indent = line.substring(0, line.length() - line.stripLeading().length());
            String base = snippet.get(0).substring(0, snippet.get(0).length() - snippet.get(0).stripLeading().length());
            boolean all = true;
            for (int k = 0; k < snippet.size() && all; k++) {
                String want = snippet.get(k).isBlank() ? "" : indent + snippet.get(k).substring(Math.min(base.length(),
                        snippet.get(k).length() - snippet.get(k).stripLeading().length()));
                all = source.get(i + k).stripTrailing().equals(want.stripTrailing());
            }
            if (all) {
                return true;
            }
        }
        return false;
    }
}
