package io.soundmark.decode.flac;

import io.soundmark.decode.AudioDecoderProvider;
import io.soundmark.decode.MediaProbe;
import io.soundmark.decode.PcmStream;
import java.io.IOException;
import java.util.OptionalInt;
import org.jflac.FLACDecoder;
import org.jflac.metadata.StreamInfo;

/**
 * Decodes native FLAC streams ({@code fLaC} signature) of any bit depth and channel count with
 * jflac. Samples come straight from jflac's integer output, divided by 2^(bits-1). The STREAMINFO
 * header is checked against the format's limits and against the first frame, so a lying header
 * fails clearly instead of driving the decoder; a total length the file cannot hold is not stated
 * (the core counts the samples instead), and a stream that ends before its stated length fails
 * there, saying so.
 */
public final class FlacDecoderProvider implements AudioDecoderProvider {

    static final int MAX_SAMPLE_RATE = 655350;
    static final int MAX_CHANNELS = 8;

    @Override
    public String name() {
        return "flac";
    }

    @Override
    public OptionalInt probe(MediaProbe probe) {
        return probe.startsWith(0, "fLaC") ? OptionalInt.of(100) : OptionalInt.empty();
    }

    @Override
    public PcmStream open(MediaProbe probe) throws IOException {
        FlacMetadata metadata = FlacMetadata.read(probe.stream());
        FLACDecoder decoder = new FLACDecoder(metadata.forDecoder(probe.stream()));
        StreamInfo info;
        try {
            info = decoder.readStreamInfo();
        } catch (IOException | RuntimeException e) {
            throw new IOException("unreadable STREAMINFO block", e);
        }
        check(info);
        long stated = info.getTotalSamples();
        long audioBytes = probe.size().isPresent() ? probe.size().getAsLong() - metadata.audioStart() : -1;
        boolean fits = audioBytes < 0 || stated <= maxSamples(audioBytes, info);
        return new FlacPcmStream(decoder, info, fits);
    }

    /**
     * The most samples {@code bytes} of frames can hold: frames of at least a 6-byte header, a
     * byte per channel (a constant subframe) and a 2-byte CRC, each of at most the largest block.
     */
    static long maxSamples(long bytes, StreamInfo info) {
        return (bytes / (8 + info.getChannels()) + 1) * info.getMaxBlockSize();
    }

    private static void check(StreamInfo info) throws IOException {
        if (info.getSampleRate() < 1 || info.getSampleRate() > MAX_SAMPLE_RATE) {
            throw new IOException("FLAC header states an impossible sample rate of " + info.getSampleRate() + " Hz");
        }
        if (info.getChannels() < 1 || info.getChannels() > MAX_CHANNELS) {
            throw new IOException("FLAC header states " + info.getChannels() + " channels (1 to 8 are possible)");
        }
        if (info.getBitsPerSample() < 4 || info.getBitsPerSample() > 32) {
            throw new IOException("FLAC header states " + info.getBitsPerSample() + " bits per sample (4 to 32 are possible)");
        }
        if (info.getMaxBlockSize() < 16 || info.getMaxBlockSize() > 65535 || info.getMinBlockSize() > info.getMaxBlockSize()) {
            throw new IOException("FLAC header states impossible block sizes " + info.getMinBlockSize() + ".."
                    + info.getMaxBlockSize());
        }
    }
}
