package io.soundmark.model;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.soundmark.internal.OneLine;
import io.soundmark.model.FeatureSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a model file needs around it: its id, its output size, the engine that runs it and the
 * front-end settings its input was trained with. Stored as JSON beside the model
 * ({@code model.pt} → {@code model.json}):
 *
 * <pre>{@code
 * {
 *   "id": "laion/clap-htsat-tiny",
 *   "embedding_size": 512,
 *   "engine": "PyTorch",
 *   "input_shape": [-1, 1, 1001, 64],
 *   "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
 *   "precision": "bf16",
 *   "fidelity": {"reference": "fp32", "inputs": 16, "min_cosine": 0.99993, "median_cosine": 0.99998},
 *   "features": {"sampling_rate": 48000, "fft_window_size": 1024, "hop_length": 480,
 *                "feature_size": 64, "frequency_min": 50, "frequency_max": 14000,
 *                "nb_max_samples": 480000}
 * }
 * }</pre>
 *
 * Missing fields take the values of {@link #clapHtsatTiny()}. {@code input_shape}, when given, must
 * be the model input the front end produces ({@code [-1, 1, frames, feature_size]}).
 *
 * @param id             model id reported as {@code embedding_model}
 * @param embeddingSize  length of each output vector
 * @param engine         DJL engine name: {@code PyTorch} (TorchScript) or {@code OnnxRuntime} (ONNX)
 * @param features       front-end settings
 * @param sha256         hex SHA-256 of the model file, or null; downloads are verified against it
 * @param precision      the precision this file runs at (default fp32; never AUTO)
 * @param fidelity       for a reduced precision, how close it came to fp32 at export, or null
 */
public record ModelManifest(String id, int embeddingSize, String engine, FeatureSettings features, String sha256,
                            Precision precision, Fidelity fidelity) {

    /**
     * How close a reduced-precision variant came to the fp32 model when it was exported.
     *
     * @param reference    the variant compared with ({@code fp32})
     * @param inputs       number of fixed inputs compared on
     * @param minCosine    the lowest cosine similarity of the two models' vectors
     * @param medianCosine the median cosine similarity
     */
    public record Fidelity(String reference, int inputs, double minCosine, double medianCosine) {
    }

    /** The DJL engines a model may name. */
    public static final String PYTORCH = "PyTorch";
    public static final String ONNX_RUNTIME = "OnnxRuntime";

    /** Default preset name of SPEC: the HTSAT-tiny CLAP whose weights are {@code laion/clap-htsat-unfused}. */
    public static final String DEFAULT_ID = "laion/clap-htsat-tiny";

    public ModelManifest {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("model id must not be empty");
        }
        if (embeddingSize < 1 || embeddingSize > 65536) {
            throw new IllegalArgumentException("embedding_size must be in 1..65536, got " + embeddingSize);
        }
        if (!PYTORCH.equals(engine) && !ONNX_RUNTIME.equals(engine)) {
            throw new IllegalArgumentException("engine \"" + engine + "\" is not supported (supported: PyTorch, OnnxRuntime)");
        }
        if (sha256 != null && !sha256.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("sha256 must be 64 hex digits, got \"" + sha256 + "\"");
        }
        sha256 = sha256 == null ? null : sha256.toLowerCase(java.util.Locale.ROOT);
        if (precision == null) {
            precision = Precision.FP32;
        }
        if (precision == Precision.AUTO) {
            throw new IllegalArgumentException("precision must be fp32, bf16 or int8, got auto");
        }
    }


    /** Settings for a model without a manifest: CLAP HTSAT-tiny, 512-d, TorchScript. */
    public static ModelManifest clapHtsatTiny() {
        return new ModelManifest(DEFAULT_ID, 512, PYTORCH, FeatureSettings.clapHtsatUnfused(), null, Precision.FP32, null);
    }

    /**
     * The default manifest for a model file without one: the engine follows the file's extension,
     * the precision its name ({@code model-bf16.pt} is bf16).
     */
    public static ModelManifest forModelFile(String fileName) {
        ModelManifest d = clapHtsatTiny();
        String name = fileName.toLowerCase(java.util.Locale.ROOT);
        String engine = name.endsWith(".onnx") ? ONNX_RUNTIME : PYTORCH;
        Precision precision = name.matches(".*-bf16\\.[a-z]+") ? Precision.BF16
                : name.matches(".*-int8\\.[a-z]+") ? Precision.INT8 : Precision.FP32;
        return new ModelManifest(d.id(), d.embeddingSize(), engine, d.features(), null, precision, null);
    }

    /**
     * Reads a manifest.
     *
     * @throws IOException when it cannot be read, is not JSON, or asks for settings the front end
     *                     cannot honour (the message names the field)
     */
    public static ModelManifest read(Path json) throws IOException {
        try (Reader r = Files.newBufferedReader(json, StandardCharsets.UTF_8)) {
            return parse(r);
        } catch (IOException e) {
            throw new IOException("model manifest " + json + ": " + e.getMessage(), e);
        }
    }

    /** Parses manifest JSON; see {@link #read(Path)}. */
    public static ModelManifest parse(Reader json) throws IOException {
        ModelManifest d = clapHtsatTiny();
        FeatureSettings f = d.features();
        try {
            JsonElement root = JsonParser.parseReader(json);
            if (!root.isJsonObject()) {
                throw new IOException("not a JSON object");
            }
            JsonObject o = root.getAsJsonObject();
            JsonObject fo = o.has("features") ? o.getAsJsonObject("features") : new JsonObject();
            FeatureSettings features = new FeatureSettings(
                    intField(fo, "sampling_rate", f.sampleRate()),
                    intField(fo, "fft_window_size", f.fftSize()),
                    intField(fo, "hop_length", f.hopLength()),
                    intField(fo, "feature_size", f.melBins()),
                    doubleField(fo, "frequency_min", f.minFrequency()),
                    doubleField(fo, "frequency_max", f.maxFrequency()),
                    intField(fo, "nb_max_samples", f.maxSamples()));
            if (o.has("input_shape")) {
                checkInputShape(o.getAsJsonArray("input_shape"), features);
            }
            if (features.maxFrequency() > features.sampleRate() / 2.0) {
                throw new IllegalArgumentException("frequency_max " + features.maxFrequency()
                        + " Hz is above the Nyquist frequency of sampling_rate " + features.sampleRate());
            }
            return new ModelManifest(
                    o.has("id") ? o.get("id").getAsString() : d.id(),
                    intField(o, "embedding_size", d.embeddingSize()),
                    o.has("engine") ? o.get("engine").getAsString() : d.engine(),
                    features,
                    o.has("sha256") ? o.get("sha256").getAsString() : null,
                    o.has("precision") ? Precision.fromName(o.get("precision").getAsString()) : Precision.FP32,
                    o.has("fidelity") ? fidelity(o.getAsJsonObject("fidelity")) : null);
        } catch (JsonParseException | IllegalStateException | ClassCastException | UnsupportedOperationException e) {
            throw new IOException("malformed manifest (" + describe(e) + ")", e);
        } catch (IllegalArgumentException e) {
            throw new IOException("unsupported manifest: " + OneLine.of(e.getMessage()), e); // it may quote a field
        }
    }

    /**
     * Gson's message on one line: without the type of the exception it wraps, and without the
     * troubleshooting link it puts on a second line.
     */
    private static String describe(RuntimeException e) {
        Throwable t = e instanceof JsonParseException && e.getCause() != null && e.getCause().getMessage() != null
                ? e.getCause() : e;
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int lineBreak = message.indexOf('\n');
        return OneLine.of(lineBreak < 0 ? message : message.substring(0, lineBreak)); // a key in its path may hold any character
    }

    /** The model's input must be what the front end makes: a batch of [1, frames, mels] blocks. */
    private static void checkInputShape(com.google.gson.JsonArray shape, FeatureSettings features) {
        long[] expected = {-1, 1, features.frames(), features.melBins()};
        boolean matches = shape.size() == 4;
        for (int i = 0; matches && i < 4; i++) {
            double v = shape.get(i).getAsDouble();
            matches = i == 0 ? v == -1 || (v >= 1 && v == Math.rint(v)) : v == expected[i];
        }
        if (!matches) {
            throw new IllegalArgumentException("input_shape " + shape + " does not match the front end's [-1, 1, "
                    + features.frames() + ", " + features.melBins() + "]");
        }
    }

    private static Fidelity fidelity(JsonObject f) {
        return new Fidelity(f.has("reference") ? f.get("reference").getAsString() : "fp32",
                intField(f, "inputs", 0), doubleField(f, "min_cosine", Double.NaN),
                doubleField(f, "median_cosine", Double.NaN));
    }

    private static int intField(JsonObject o, String name, int fallback) {
        if (!o.has(name)) {
            return fallback;
        }
        double v = o.get(name).getAsDouble();
        if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be an integer, got " + o.get(name));
        }
        return (int) v;
    }

    private static double doubleField(JsonObject o, String name, double fallback) {
        return o.has(name) ? o.get(name).getAsDouble() : fallback;
    }
}
