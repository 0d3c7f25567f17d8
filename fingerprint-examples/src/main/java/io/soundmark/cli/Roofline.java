package io.soundmark.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * What this machine's libtorch reaches in fp32 matrix products: a square matmul timed in the same
 * process as the model, the ceiling a model made of matrix products could approach.
 */
final class Roofline {

    private static final int N = 2048;

    private Roofline() {
    }

    /** Median fp32 matmul throughput of {@code runs} products of two N x N matrices, in GFLOP/s. */
    static double fp32GflopsPerSecond(int runs) {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            NDArray a = manager.randomNormal(new Shape(N, N));
            NDArray b = manager.randomNormal(new Shape(N, N));
            for (int i = 0; i < 2; i++) {
                a.matMul(b).close(); // warm-up: thread pools, kernels
            }
            List<Double> seconds = new ArrayList<>();
            for (int i = 0; i < Math.max(3, runs); i++) {
                long start = System.nanoTime();
                a.matMul(b).close(); // libtorch computes on the CPU synchronously
                seconds.add((System.nanoTime() - start) / 1e9);
            }
            return 2.0 * N * N * N / Timing.median(seconds) / 1e9;
        }
    }
}
