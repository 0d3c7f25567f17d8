package io.soundmark;

import io.soundmark.decode.PcmStream;
import io.soundmark.dsp.Resampler;
import io.soundmark.dsp.SampleSource;
import java.io.IOException;

/**
 * The audio the model's front end sees: decoded, averaged to mono, resampled to the processing
 * rate and cut at {@code max_audio_length_sec}. Read it to hear or check what is fingerprinted.
 *
 * <pre>{@code
 * try (DecodedAudio audio = fingerprinter.openAudio(FingerprintInput.video("spot.mp4"))) {
 *     float[] buffer = new float[48000];
 *     for (int n; (n = audio.read(buffer, 0, buffer.length)) > 0; ) { ... }
 * }
 * }</pre>
 *
 * Not thread-safe. Read failures raise {@link MediaException} naming the input and where it failed.
 */
public final class DecodedAudio implements SampleSource, AutoCloseable {

    private final String inputName;
    private final PcmStream pcm;
    private final MonoSource mono;
    private final SampleSource processed;
    private final long limit;
    private long delivered;

    DecodedAudio(String inputName, PcmStream pcm, int sampleRate, double maxLengthSec) {
        this.inputName = inputName;
        this.pcm = pcm;
        this.mono = new MonoSource(pcm);
        this.processed = Resampler.of(pcm.sampleRate(), sampleRate).resample(mono);
        this.limit = Math.round(maxLengthSec * sampleRate);
    }

    /** The input as named in messages. */
    public String inputName() {
        return inputName;
    }

    /** The processing rate, in Hz. */
    @Override
    public int sampleRate() {
        return processed.sampleRate();
    }

    /** The rate the input was decoded at, in Hz. */
    public int sourceSampleRate() {
        return pcm.sampleRate();
    }

    /** The input's channel count before the downmix. */
    public int sourceChannels() {
        return pcm.channels();
    }

    /**
     * Reads up to {@code length} mono samples.
     *
     * @return samples read, or -1 at the end of the audio or of {@code max_audio_length_sec}
     * @throws MediaException when the media turns out corrupt or unreadable
     */
    @Override
    public int read(float[] buffer, int offset, int length) {
        if (delivered >= limit) {
            return -1;
        }
        try {
            int n = processed.read(buffer, offset, (int) Math.min(length, limit - delivered));
            if (n > 0) {
                delivered += n;
            }
            return n;
        } catch (IOException e) {
            throw new MediaException(inputName, String.format("decoding failed near %.2f s: %s",
                    decodedSourceSec(), SourceResolver.describe(e)), e);
        }
    }

    /** Seconds of the source decoded so far; its whole duration once the source has ended. */
    double decodedSourceSec() {
        return (double) mono.framesRead() / pcm.sampleRate();
    }

    /** The source's duration as its container states it, or null when it does not. */
    Double statedDurationSec() {
        return pcm.frameLength().isPresent() ? (double) pcm.frameLength().getAsLong() / pcm.sampleRate() : null;
    }

    /** The source's whole duration, reading to its end to count when the container does not state it. */
    double totalDurationSec() {
        try {
            return mono.totalDurationSec();
        } catch (IOException e) {
            throw new MediaException(inputName, "decoding failed while measuring the duration: "
                    + SourceResolver.describe(e), e);
        }
    }

    /** Releases the decoder and the input. */
    @Override
    public void close() {
        try {
            pcm.close();
        } catch (IOException e) {
            // the audio was read or abandoned; a failing close changes nothing for the caller
        }
    }
}
