package io.soundmark.internal.model;

import io.soundmark.model.EmbeddingModel;
import io.soundmark.model.ModelManifest;
import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.EngineException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.translate.TranslatorContext;
import io.soundmark.model.FeatureSettings;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A model run by DJL: TorchScript on the PyTorch engine (libtorch from the
 * {@code pytorch-native-cpu} artifact), or ONNX on the OnnxRuntime engine when
 * {@code onnxruntime-engine} is on the class path; native libraries come from those artifacts, so
 * nothing is downloaded (see {@link DjlStartup} for DJL's start). Each {@link Embedder} owns one
 * DJL {@link Predictor}; all tensors of a batch live in the predictor's per-call scope and are
 * freed when the call returns.
 */
final class DjlEmbeddingModel implements EmbeddingModel {

    /** Loads weights into a freshly created DJL model. */
    interface Loader {
        void load(Model model) throws IOException, MalformedModelException;
    }

    private final String name;
    private final ModelManifest manifest;
    private final Model model;

    private DjlEmbeddingModel(String name, ModelManifest manifest, Model model) {
        this.name = name;
        this.manifest = manifest;
        this.model = model;
    }

    static DjlEmbeddingModel load(String name, ModelManifest manifest, String device, Loader loader)
            throws IOException {
        DjlStartup.ensureStarted();
        if (!ai.djl.engine.Engine.hasEngine(manifest.engine())) {
            throw new IOException("the " + manifest.engine() + " engine is not installed"
                    + (ModelManifest.ONNX_RUNTIME.equals(manifest.engine())
                    ? ": add ai.djl.onnxruntime:onnxruntime-engine to the class path for ONNX models" : ""));
        }
        Device target = Device.fromName(device.replace(":", "")); // our "gpu:1" is DJL's "gpu1"
        if (target.isGpu()) {
            int gpus = ai.djl.engine.Engine.getEngine(manifest.engine()).getGpuCount();
            if (Math.max(0, target.getDeviceId()) >= gpus) { // "gpu" alone has id -1: the first GPU
                throw new IOException("device " + device + " is not available: the " + manifest.engine()
                        + " engine sees " + (gpus == 0 ? "no GPU (a CPU-only native library, or no CUDA device)"
                        : gpus + " GPU" + (gpus == 1 ? "" : "s")));
            }
        }
        Model model;
        try {
            model = Model.newInstance(manifest.id(), target, manifest.engine());
        } catch (EngineException | IllegalArgumentException e) {
            throw new IOException("cannot start the " + manifest.engine() + " engine on device " + device
                    + ": " + e.getMessage(), e);
        }
        try {
            loader.load(model);
            return new DjlEmbeddingModel(name, manifest, model);
        } catch (MalformedModelException | EngineException e) {
            model.close();
            String kind = ModelManifest.ONNX_RUNTIME.equals(manifest.engine()) ? "ONNX" : "TorchScript";
            throw new IOException("not a loadable " + kind + " model (" + firstLine(e.getMessage()) + ")", e);
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    @Override
    public ModelManifest manifest() {
        return manifest;
    }

    @Override
    public Embedder newEmbedder() {
        Predictor<FeatureBatch, float[][]> predictor = model.newPredictor(new BatchTranslator());
        return new Embedder() {
            /** Native-order direct memory reused for every batch: DJL reads it without another copy. */
            private ByteBuffer input = ByteBuffer.allocateDirect(0);

            @Override
            public float[][] embed(float[] features, int count) {
                int floats = count * manifest.features().blockSize();
                if (input.capacity() < floats * Float.BYTES) {
                    input = ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder());
                }
                input.clear();
                input.asFloatBuffer().put(features, 0, floats);
                input.limit(floats * Float.BYTES);
                try {
                    return predictor.predict(new FeatureBatch(input, count));
                } catch (TranslateException | EngineException e) {
                    throw new ModelFailure("model " + name + " failed: " + firstLine(rootMessage(e)), e);
                }
            }

            @Override
            public void close() {
                predictor.close();
            }
        };
    }

    @Override
    public void close() {
        model.close();
    }

    /** {@code count} feature blocks stored one after another, as native-order float32 bytes. */
    private record FeatureBatch(ByteBuffer data, int count) {
    }

    /** Feature blocks in, raw vectors out; arrays live in the per-call manager DJL closes after each call. */
    private final class BatchTranslator implements NoBatchifyTranslator<FeatureBatch, float[][]> {

        @Override
        public NDList processInput(TranslatorContext ctx, FeatureBatch batch) {
            FeatureSettings f = manifest.features();
            Shape shape = new Shape(batch.count(), 1, f.frames(), f.melBins());
            ctx.setAttachment("count", batch.count());
            return new NDList(ctx.getNDManager().create(batch.data(), shape, DataType.FLOAT32));
        }

        @Override
        public float[][] processOutput(TranslatorContext ctx, NDList list) {
            int count = (Integer) ctx.getAttachment("count");
            int size = manifest.embeddingSize();
            NDArray out = list.get(0);
            Shape shape = out.getShape();
            if (shape.dimension() != 2 || shape.get(0) != count || shape.get(1) != size) {
                throw new ModelFailure("model " + name + " returned shape " + shape + ", expected (" + count
                        + ", " + size + ") as its manifest says embedding_size " + size, null);
            }
            float[] flat = out.toType(DataType.FLOAT32, false).toFloatArray();
            float[][] vectors = new float[count][size];
            for (int i = 0; i < count; i++) {
                System.arraycopy(flat, i * size, vectors[i], 0, size);
            }
            return vectors;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "no details";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }
}
