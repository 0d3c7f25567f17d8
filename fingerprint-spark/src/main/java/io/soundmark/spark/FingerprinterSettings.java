package io.soundmark.spark;

import io.soundmark.AudioFingerprinter;
import io.soundmark.FingerprintOptions;
import io.soundmark.io.SourceOptions;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything an executor needs to build its {@link AudioFingerprinter}: it travels with the tasks
 * and keys the executor's shared instance, so equal settings share one model in memory.
 * Validated on the driver, before any task starts, by the core's own checks.
 */
record FingerprinterSettings(
        JobModel model,
        double segmentDurationSec,
        double segmentHopSec,
        int sampleRate,
        boolean normalizeEmbeddings,
        double maxAudioLengthSec,
        int batchSize,
        String device,
        boolean strict,
        String decoder,
        long maxDownloadBytes,
        long connectTimeoutMs,
        long readTimeoutMs) implements Serializable {

    FingerprinterSettings {
        Objects.requireNonNull(model, "model");
        new FingerprintOptions(segmentDurationSec, segmentHopSec, sampleRate, normalizeEmbeddings, maxAudioLengthSec,
                batchSize, device, strict); // throws IllegalArgumentException naming the parameter
        sourceOptions(maxDownloadBytes, connectTimeoutMs, readTimeoutMs);
    }

    /** The core's options these settings stand for. */
    FingerprintOptions options() {
        return new FingerprintOptions(segmentDurationSec, segmentHopSec, sampleRate, normalizeEmbeddings,
                maxAudioLengthSec, batchSize, device, strict);
    }

    SourceOptions sourceOptions() {
        return sourceOptions(maxDownloadBytes, connectTimeoutMs, readTimeoutMs);
    }

    private static SourceOptions sourceOptions(long maxBytes, long connectMs, long readMs) {
        return SourceOptions.defaults().withMaxBytes(maxBytes).withConnectTimeout(Duration.ofMillis(connectMs))
                .withReadTimeout(Duration.ofMillis(readMs));
    }

    /** A new fingerprinter; the model loads on its first call. */
    AudioFingerprinter build() {
        return AudioFingerprinter.builder()
                .model(model.source())
                .segmentDurationSec(segmentDurationSec)
                .segmentHopSec(segmentHopSec)
                .sampleRate(sampleRate)
                .normalizeEmbeddings(normalizeEmbeddings)
                .maxAudioLengthSec(maxAudioLengthSec)
                .batchSize(batchSize)
                .device(device)
                .strict(strict)
                .decoder(decoder)
                .sourceOptions(sourceOptions())
                .build();
    }
}
