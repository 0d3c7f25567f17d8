package io.soundmark.decode.ffmpeg;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_OPUS;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_DURATION_FROM_BITRATE;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;

import java.util.Locale;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * What a container states about the length of its audio, and whether the decoded audio fell short
 * of it. Only MP4/MOV (each track's duration in samples, after the edit list's priming) and Ogg
 * Opus (the last granule, less the pre-skip the decoder drops) state the length exactly as FFmpeg
 * decodes it; that length is reported and decoding ends there. Other durations are estimates, or
 * round to milliseconds, or count samples the decoder does not output (Ogg Vorbis): they only serve
 * to notice audio lost to corruption or truncation, beyond what rounding and priming explain.
 */
final class StatedLength {

    /** Samples short of a stated length that are no sign of lost audio: a frame of the largest codecs. */
    private static final int SLACK_SAMPLES = 4096;

    private final AVFormatContext format;
    private final long exact;
    private final long track;
    private final double file;
    private double packetsEnd;

    StatedLength(AVFormatContext format, AVStream stream, AVCodecParameters parameters, int rate) {
        this.format = format;
        boolean estimated = format.duration_estimation_method() == AVFMT_DURATION_FROM_BITRATE;
        long duration = stream.duration();
        AVRational tb = stream.time_base();
        long track = duration == AV_NOPTS_VALUE || duration <= 0 || estimated ? -1
                : Math.round((double) duration * tb.num() / tb.den() * rate);
        boolean inSamples = tb.num() == 1 && tb.den() == rate && parameters.sample_rate() == rate;
        String container = format.iformat().name().getString();
        if (track > 0 && inSamples && container.startsWith("mov,")) {
            exact = track;
        } else if (track > 0 && inSamples && container.equals("ogg") && parameters.codec_id() == AV_CODEC_ID_OPUS) {
            exact = track - Math.max(0, parameters.initial_padding());
        } else {
            exact = -1;
        }
        this.track = exact > 0 ? exact : track;
        this.file = format.duration() == AV_NOPTS_VALUE || format.duration() <= 0 || estimated ? -1
                : (double) format.duration() / AV_TIME_BASE;
    }

    /** The exact length in samples, or -1. */
    long exact() {
        return exact;
    }

    /** Notes how far the packets of all streams reach. */
    void packetRead(AVPacket packet) {
        AVStream stream = format.streams(packet.stream_index());
        long pts = packet.pts() != AV_NOPTS_VALUE ? packet.pts() : packet.dts();
        if (pts == AV_NOPTS_VALUE) {
            return;
        }
        long start = stream.start_time() == AV_NOPTS_VALUE ? 0 : stream.start_time();
        AVRational tb = stream.time_base();
        double end = (double) (pts - start + Math.max(0, packet.duration())) * tb.num() / tb.den();
        packetsEnd = Math.max(packetsEnd, end);
    }

    /**
     * Why {@code delivered} samples at {@code rate} fall short of what the container states, or
     * null when they do not: the track's stated length; or, for a track that states none, the
     * file's, when the packets of all its streams end well before it (an audio track merely shorter
     * than the video is no loss).
     */
    String shortfall(long delivered, int rate) {
        if (track > 0) {
            return delivered < track - Math.max(SLACK_SAMPLES, track / 50)
                    ? String.format(Locale.ROOT, "the audio ends at %.1f s of the %.1f s its container states",
                            (double) delivered / rate, (double) track / rate) : null;
        }
        double slack = Math.max((double) SLACK_SAMPLES / rate, file / 50);
        if (file > 0 && packetsEnd < file - slack && (double) delivered / rate < file - slack) {
            return String.format(Locale.ROOT, "the file's streams end at %.1f s of the %.1f s its container states",
                    packetsEnd, file);
        }
        return null;
    }
}
