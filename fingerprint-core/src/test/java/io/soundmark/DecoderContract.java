package io.soundmark;

import io.soundmark.decode.MediaProbe;
import io.soundmark.decode.PcmStream;
import io.soundmark.internal.dsp.Resampler;
import io.soundmark.io.MediaSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The promises decoders keep on any bytes at all, checked along the core's own path (probe,
 * choice, open, rate and sample checks, downmix, resampling, duration count), for fuzz tests:
 * <ul>
 *   <li>the only failure is a {@link MediaException} with a {@linkplain ClearMessage clear message}
 *       (no other exception or error escapes, nothing hangs, memory stays bounded);</li>
 *   <li>every read gives between 1 and the frames asked for, or -1 at the end;</li>
 *   <li>a decoder that states a length delivers no more frames than it states;</li>
 *   <li>samples are finite (and within [-1, 1] where the codec's output is integer PCM).</li>
 * </ul>
 * Audio is read up to 120 s, as a fingerprinter with the default options would, then the rest is
 * counted for the total duration. It is processed at its own rate: designing the resampler's filter
 * for an odd pair of rates takes a second or more, which would slow fuzzing a hundredfold and
 * tests no parsing (ResamplerTest covers the resampler).
 */
public final class DecoderContract {

    /** The input's name in messages. */
    public static final String NAME = "fuzz-input";
    private static final int DEFAULT_RATE = 48000;
    private static final double MAX_LENGTH_SEC = 120;
    /** Registries by forced decoder name ("" to choose by content): loading plug-ins per input would dominate. */
    private static final Map<String, DecoderRegistry> REGISTRIES = new ConcurrentHashMap<>();

    /**
     * What a decoder promises beyond the interface.
     *
     * @param exactLength   a stated length is one the decoder delivers no more than
     * @param largestSample the largest sample magnitude it can produce (1 for integer PCM)
     */
    public record Promises(boolean exactLength, float largestSample) {
        /** Integer PCM with an exact stated length: MP3 through JLayer, FLAC through jflac. */
        public static final Promises INTEGER_PCM = new Promises(true, 1f);
        /** Java Sound: an exact length, but float WAV/AIFF-C samples may be anything the file holds. */
        public static final Promises EXACT_LENGTH = new Promises(true, Float.POSITIVE_INFINITY);
        /** Any installed decoder, chosen by content (FFmpeg's lengths are container estimates). */
        public static final Promises ANY = new Promises(false, Float.POSITIVE_INFINITY);
    }

    private DecoderContract() {
    }

    /**
     * Decodes {@code bytes} with the named decoder (forced, as {@code --decoder} does), or with the
     * one the installed decoders' probes choose when {@code decoder} is null.
     *
     * @throws AssertionError when a promise is broken; any other exception escaping is a failure too
     */
    public static void check(String decoder, byte[] bytes, Promises promises) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        MediaProbe probe = new MediaProbe(NAME, Arrays.copyOf(bytes, Math.min(bytes.length, MediaProbe.HEAD_SIZE)),
                InputStream.nullInputStream());
        probe.guessFormat(); // used in messages about any input
        PcmStream pcm;
        try {
            pcm = REGISTRIES.computeIfAbsent(decoder == null ? "" : decoder,
                    name -> new DecoderRegistry(DecoderContract.class.getClassLoader(), decoder))
                    .open(new MemorySource(bytes), null);
        } catch (MediaException e) {
            ClearMessage.check(e, text);
            return;
        }
        int rate = pcm.sampleRate();
        int processingRate = rate >= Resampler.MIN_RATE && rate <= Resampler.MAX_RATE ? rate : DEFAULT_RATE;
        DecodedAudio opened;
        try {
            opened = new DecodedAudio(NAME, new PromiseChecks(pcm, promises), processingRate, MAX_LENGTH_SEC);
        } catch (MediaException e) { // a rate or channel count the core refuses
            closeQuietly(pcm);
            ClearMessage.check(e, text);
            return;
        }
        try (DecodedAudio audio = opened) {
            float[] buffer = new float[4096];
            for (int n; (n = audio.read(buffer, 0, buffer.length)) >= 0; ) {
                for (int i = 0; i < n; i++) {
                    if (!Float.isFinite(buffer[i])) {
                        throw new AssertionError("sample " + buffer[i] + " reached the front end");
                    }
                }
            }
            double total = audio.totalDurationSec();
            if (!(total >= 0) || Double.isInfinite(total)) {
                throw new AssertionError("total duration " + total + " s");
            }
            if (audio.sourceEnded()) {
                String earlyStop = audio.earlyStop();
                if (earlyStop != null) {
                    ClearMessage.check(new MediaException(NAME, earlyStop), text);
                }
            }
        } catch (MediaException e) {
            ClearMessage.check(e, text);
        }
    }

    private static void closeQuietly(PcmStream pcm) {
        try {
            pcm.close();
        } catch (IOException e) {
            // the failure being checked is the one that matters
        }
    }

    /** An input held in memory, with its size known as a local file's is. */
    private record MemorySource(byte[] bytes) implements MediaSource {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public InputStream openStream() {
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public OptionalLong size() {
            return OptionalLong.of(bytes.length);
        }
    }

    /** Checks each read of the decoder's own stream against its promises. */
    private static final class PromiseChecks implements PcmStream {
        private final PcmStream pcm;
        private final Promises promises;
        private long frames;

        PromiseChecks(PcmStream pcm, Promises promises) {
            this.pcm = pcm;
            this.promises = promises;
        }

        @Override
        public int sampleRate() {
            return pcm.sampleRate();
        }

        @Override
        public int channels() {
            return pcm.channels();
        }

        @Override
        public OptionalLong frameLength() {
            return pcm.frameLength();
        }

        @Override
        public int read(float[] buffer, int wanted) throws IOException {
            int n = pcm.read(buffer, wanted);
            if (n == -1) {
                return n;
            }
            if (n < 1 || n > wanted) {
                throw new AssertionError("read of " + wanted + " frames returned " + n);
            }
            frames += n;
            OptionalLong stated = pcm.frameLength();
            if (promises.exactLength() && stated.isPresent() && frames > stated.getAsLong()) {
                throw new AssertionError("decoded " + frames + " frames, more than the " + stated.getAsLong()
                        + " the stream states");
            }
            for (int i = 0, count = n * pcm.channels(); i < count; i++) {
                float v = buffer[i];
                if (Float.isFinite(v) ? Math.abs(v) > promises.largestSample() : Float.isFinite(promises.largestSample())) {
                    throw new AssertionError("sample " + v + " at frame " + (frames - n + i / pcm.channels())
                            + " is outside ±" + promises.largestSample());
                }
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            pcm.close();
        }
    }
}
