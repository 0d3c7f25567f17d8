package io.soundmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The public API of a module as text: every public type outside {@code io.soundmark.internal}, with
 * its public and protected members, one per line, sorted. Tests compare it with a committed report
 * so that every change to the API shows up in review.
 */
public final class PublicApi {

    private PublicApi() {
    }

    /** The report for the classes compiled into {@code classesDir}. */
    public static String of(Path classesDir) {
        List<String> types = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classesDir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                String name = classesDir.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
                if (name.endsWith("package-info") || name.startsWith("io.soundmark.internal.")) {
                    continue;
                }
                Class<?> c = Class.forName(name, false, PublicApi.class.getClassLoader());
                if (isExported(c)) {
                    types.add(describe(c));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        return String.join("", types);
    }

    /** Public, and every enclosing class public too. */
    private static boolean isExported(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            if (!Modifier.isPublic(k.getModifiers()) || k.isAnonymousClass() || k.isSynthetic()) {
                return false;
            }
        }
        return true;
    }

    private static String describe(Class<?> c) {
        StringBuilder out = new StringBuilder(c.toGenericString()).append('\n');
        List<String> members = new ArrayList<>();
        for (Field f : c.getDeclaredFields()) {
            if (visible(f) && !f.isSynthetic()) {
                members.add(f.toGenericString());
            }
        }
        for (Executable e : c.getDeclaredConstructors()) {
            if (visible(e) && !e.isSynthetic()) {
                members.add(e.toGenericString());
            }
        }
        for (Executable e : c.getDeclaredMethods()) {
            if (visible(e) && !e.isSynthetic()) {
                members.add(e.toGenericString());
            }
        }
        members.stream().sorted().forEach(m -> out.append("  ").append(m).append('\n'));
        return out.toString();
    }

    private static boolean visible(Member m) {
        return Modifier.isPublic(m.getModifiers()) || Modifier.isProtected(m.getModifiers());
    }
}
