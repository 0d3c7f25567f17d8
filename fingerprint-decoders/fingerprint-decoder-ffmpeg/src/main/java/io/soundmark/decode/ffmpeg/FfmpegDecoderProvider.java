package io.soundmark.decode.ffmpeg;

import static org.bytedeco.ffmpeg.global.avformat.av_probe_input_format3;

import io.soundmark.decode.AudioDecoderProvider;
import io.soundmark.decode.MediaProbe;
import io.soundmark.decode.PcmStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avformat.AVProbeData;
import org.bytedeco.javacpp.BytePointer;

/**
 * The general fallback: FFmpeg (libavformat and libavcodec, from the bytedeco artifacts) reads the
 * default audio stream of audio files (AAC/M4A, ALAC, Ogg Vorbis, Opus, WMA, AC-3, MP3, FLAC, ...)
 * and of video containers (MP4/MOV, MKV/WebM, AVI, MPEG-TS, FLV). Detection asks FFmpeg's own
 * content probe; FFmpeg applies the stream's priming and padding information (edit lists, iTunes
 * gapless data, Opus pre-skip) as its command-line tool does. Samples are copied to floats
 * without resampling: rate conversion is the core's.
 */
public final class FfmpegDecoderProvider implements AudioDecoderProvider {

    /** Below the Java decoders (100), which read their formats completely. */
    static final int PRIORITY = 50;
    /** FFmpeg's own scale: 100 is certain, 25 is "probably" (AVPROBE_SCORE_MAX / 4). */
    private static final int MIN_SCORE = 25;
    /** Demuxers FFmpeg may match on arbitrary text or pictures: never media with sound. */
    private static final Set<String> NOT_AUDIO = Set.of("tty", "srt", "ass", "webvtt", "lrc", "mpl2", "microdvd",
            "subviewer", "subviewer1", "sami", "realtext", "jacosub", "vplayer", "pjs", "stl", "image2", "image2pipe");
    private static final int PROBE_PADDING = 64; // AVPROBE_PADDING_SIZE is 32

    @Override
    public String name() {
        return "ffmpeg";
    }

    @Override
    public OptionalInt probe(MediaProbe probe) {
        byte[] head = probe.head();
        if (head.length == 0) {
            return OptionalInt.empty();
        }
        FfmpegNatives.load();
        try (BytePointer buffer = new BytePointer((long) head.length + PROBE_PADDING);
             AVProbeData data = new AVProbeData()) {
            buffer.put(head, 0, head.length);
            buffer.position(head.length).put(new byte[PROBE_PADDING]).position(0);
            data.buf(buffer).buf_size(head.length).filename(new BytePointer(""));
            int[] score = new int[1];
            AVInputFormat format = av_probe_input_format3(data, 1, score);
            if (format == null || score[0] < MIN_SCORE) {
                return OptionalInt.empty();
            }
            String names = format.name().getString().toLowerCase(Locale.ROOT);
            for (String n : names.split(",")) {
                if (NOT_AUDIO.contains(n) || n.endsWith("_pipe")) {
                    return OptionalInt.empty();
                }
            }
            return OptionalInt.of(PRIORITY);
        }
    }

    @Override
    public PcmStream open(MediaProbe probe) throws IOException {
        if (probe.file().isPresent()) {
            return FfmpegPcmStream.open(probe.file().get().toAbsolutePath().toString(), probe.name(), null);
        }
        // FFmpeg reads files with random access; a stream is spooled to a temporary file deleted on close.
        Path spool = Files.createTempFile("soundmark-ffmpeg-", ".media");
        try {
            try (InputStream in = probe.stream()) {
                Files.copy(in, spool, StandardCopyOption.REPLACE_EXISTING);
            }
            return FfmpegPcmStream.open(spool.toString(), probe.name(), spool);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(spool);
            throw e;
        }
    }
}
