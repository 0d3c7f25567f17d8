package io.soundmark;

import io.soundmark.decode.PcmStream;
import io.soundmark.internal.dsp.Downmix;
import io.soundmark.internal.dsp.Resampler;
import io.soundmark.internal.dsp.SampleSource;
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
public final class DecodedAudio implements AutoCloseable {

    private final String inputName;
    private final CheckedPcmStream pcm;
    private final Downmix mono;
    private final SampleSource processed;
    private final long limit;
    private long delivered;

    DecodedAudio(String inputName, PcmStream pcm, int sampleRate, double maxLengthSec) {
        this.inputName = inputName;
        this.pcm = new CheckedPcmStream(inputName, pcm);
        this.mono = new Downmix(this.pcm);
        this.processed = Resampler.of(pcm.sampleRate(), sampleRate).resample(mono);
        this.limit = Math.round(maxLengthSec * sampleRate);
    }

    /** The input as named in messages. */
    public String inputName() {
        return inputName;
    }

    /** The processing rate, in Hz. */
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
    public int read(float[] buffer, int offset, int length) {
        if (length == 0) {
            return 0;
        }
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

    /** These samples as the DSP stages read them. */
    SampleSource samples() {
        return new SampleSource() {
            @Override
            public int sampleRate() {
                return DecodedAudio.this.sampleRate();
            }

            @Override
            public int read(float[] buffer, int offset, int length) {
                return DecodedAudio.this.read(buffer, offset, length);
            }
        };
    }

    /** Seconds of the source decoded so far; its whole duration once the source has ended. */
    double decodedSourceSec() {
        return (double) pcm.frames() / pcm.sampleRate();
    }

    /** Whether the source has ended (rather than being cut at the length limit, or not yet read). */
    boolean sourceEnded() {
        return pcm.ended();
    }

    /** The source's duration as its container states it, or null when it does not. */
    Double statedDurationSec() {
        return pcm.frameLength().isPresent() ? (double) pcm.frameLength().getAsLong() / pcm.sampleRate() : null;
    }

    /**
     * The source's whole duration: what was decoded once the source has ended, else the stated
     * length, else reads to the end to count.
     */
    double totalDurationSec() {
        if (!pcm.ended() && pcm.frameLength().isPresent()) {
            return statedDurationSec();
        }
        try {
            mono.skipToEnd();
        } catch (IOException e) {
            throw new MediaException(inputName, "decoding failed while measuring the duration: "
                    + SourceResolver.describe(e), e);
        }
        return decodedSourceSec();
    }

    /**
     * Once the source has ended (at the latest when {@link #read} returns -1): why it ended before
     * the audio it promised (a partial decode: a dropped connection, a corrupt frame, a file cut
     * short), or null when it delivered it all, or has not ended yet. Reads like {@code "decoding stopped at 1.9 s of 6.0 s: CAUSE"}.
     * {@link AudioFingerprinter#fingerprint} turns it into a warning, or an error when strict;
     * readers of this audio decide for themselves.
     */
    public String earlyStop() {
        if (!pcm.ended()) {
            return null;
        }
        Double stated = statedDurationSec();
        double decoded = decodedSourceSec();
        String cause;
        if (pcm.stopCause() != null) {
            cause = SourceResolver.describe(pcm.stopCause());
        } else if (stated != null && pcm.frames() < pcm.frameLength().getAsLong()) {
            cause = "the audio ends before the length its container states";
        } else {
            return null;
        }
        return String.format("decoding stopped at %.1f s%s: %s", decoded,
                stated != null && stated > decoded ? String.format(" of %.1f s", stated) : "", cause);
    }

    /** Whether the input stated a length above zero, i.e. promised audio. */
    boolean promisedAudio() {
        return pcm.frameLength().orElse(0) > 0;
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
