package io.soundmark;

import io.soundmark.decode.AudioDecoderProvider;
import io.soundmark.decode.MediaProbe;
import io.soundmark.decode.PcmStream;
import io.soundmark.internal.ServiceProviders;
import io.soundmark.io.MediaSource;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Picks the decoder for an input by probing its first bytes with every installed provider. */
final class DecoderRegistry {

    private final List<AudioDecoderProvider> providers = new ArrayList<>();
    private final AudioDecoderProvider forced;

    /**
     * @param forcedDecoder name of the decoder to use for every input, or null to choose by content
     * @throws IllegalArgumentException when the forced decoder is not installed
     */
    DecoderRegistry(ClassLoader loader, String forcedDecoder) {
        providers.addAll(ServiceProviders.load(AudioDecoderProvider.class, loader));
        if (forcedDecoder == null) {
            forced = null;
        } else {
            forced = providers.stream().filter(p -> p.name().equals(forcedDecoder)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("decoder = " + forcedDecoder
                            + " is not installed: installed are " + names()));
        }
    }

    /** Names of the installed decoders. */
    List<String> names() {
        return providers.stream().map(AudioDecoderProvider::name).toList();
    }

    /** Opens a source for decoding; the returned stream also closes the source's bytes. */
    PcmStream open(MediaSource source, String formatHint) {
        String name = source.name();
        InputStream raw;
        try {
            raw = source.openStream();
        } catch (IOException e) {
            throw new MediaException(name, SourceResolver.describe(e), e);
        }
        return open(name, raw, source, formatHint);
    }

    /** Opens a stream for decoding; the returned stream closes {@code raw}. */
    PcmStream open(String name, InputStream raw, MediaSource source, String formatHint) {
        try {
            BufferedInputStream in = new BufferedInputStream(raw, MediaProbe.HEAD_SIZE + 1);
            in.mark(MediaProbe.HEAD_SIZE + 1);
            byte[] head = in.readNBytes(MediaProbe.HEAD_SIZE);
            in.reset();
            MediaProbe probe = new MediaProbe(name, head, in).withFormatHint(formatHint);
            if (source != null) {
                probe = probe.withFile(source.file().orElse(null)).withSize(source.size().orElse(-1));
            }
            AudioDecoderProvider decoder = choose(probe);
            return new ClosingPcmStream(decoder.open(probe), raw);
        } catch (IOException e) {
            closeQuietly(raw);
            throw new MediaException(name, "cannot decode: " + SourceResolver.describe(e), e);
        } catch (RuntimeException e) {
            closeQuietly(raw);
            throw e;
        }
    }

    private AudioDecoderProvider choose(MediaProbe probe) {
        if (forced != null) {
            return forced;
        }
        AudioDecoderProvider best = null;
        int bestPriority = Integer.MIN_VALUE;
        for (AudioDecoderProvider p : providers) {
            OptionalInt priority = p.probe(probe);
            if (priority.isPresent() && priority.getAsInt() > bestPriority) {
                best = p;
                bestPriority = priority.getAsInt();
            }
        }
        if (best == null) {
            String guess = probe.guessFormat().map(g -> " (looks like " + g + ")").orElse("");
            String what = probe.head().length == 0 ? "the input is empty" : "no installed decoder reads this format" + guess;
            throw new UnsupportedMediaException(probe.name(), what);
        }
        return best;
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // already failing; the first error is the one to report
        }
    }

    /** Closes the decoder, then the bytes it read from. */
    private record ClosingPcmStream(PcmStream pcm, InputStream raw) implements PcmStream {
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
        public int read(float[] buffer, int frames) throws IOException {
            return pcm.read(buffer, frames);
        }

        @Override
        public void close() throws IOException {
            try (raw) {
                pcm.close();
            }
        }
    }
}
