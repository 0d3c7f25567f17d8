package io.soundmark.internal.model;

import io.soundmark.model.ModelSource;
import io.soundmark.model.Precision;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How precision variants of one model are named: {@code model.pt} (fp32), {@code model-bf16.pt},
 * {@code model-int8.pt}, as {@code model-export} writes them.
 */
public final class Variants {

    private Variants() {
    }

    /** The file name of {@code precision}'s variant of the fp32 file {@code fp32Name}. */
    static String fileName(String fp32Name, Precision precision) {
        if (precision == Precision.FP32) {
            return fp32Name;
        }
        int dot = fp32Name.lastIndexOf('.');
        String base = dot > 0 ? fp32Name.substring(0, dot) : fp32Name;
        String ext = dot > 0 ? fp32Name.substring(dot) : "";
        return base + "-" + precision.manifestName() + ext;
    }

    /** Whether a file name is itself a reduced-precision variant ({@code model-bf16.pt}). */
    static boolean isVariantName(String fileName) {
        return fileName.toLowerCase(Locale.ROOT).matches(".*-(bf16|int8)\\.[a-z]+");
    }

    /** The message for a variant the model lacks. */
    public static String missing(ModelSource source, Precision wanted) {
        String has;
        try {
            Set<Precision> precisions = source.precisions();
            has = precisions.stream().map(Precision::manifestName).collect(Collectors.joining(", "));
        } catch (IOException e) {
            has = "unknown";
        }
        return "model " + source.name() + " has no " + wanted.manifestName() + " variant (it has: " + has
                + "); export one with model-export/export.py --precision fp32," + wanted.manifestName();
    }
}
