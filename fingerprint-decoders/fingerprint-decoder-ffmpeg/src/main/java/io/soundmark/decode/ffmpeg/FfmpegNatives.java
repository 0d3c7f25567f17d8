package io.soundmark.decode.ffmpeg;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.Loader;

/** Loads FFmpeg's native libraries once, and keeps FFmpeg from printing to stderr. */
final class FfmpegNatives {

    private FfmpegNatives() {
    }

    private static final class Holder {
        static {
            Loader.load(org.bytedeco.ffmpeg.global.avformat.class);
            Loader.load(org.bytedeco.ffmpeg.global.avcodec.class);
            // errors reach users through return codes and our exceptions, not FFmpeg's log
            avutil.av_log_set_level(avutil.AV_LOG_QUIET);
        }

        static void touch() {
        }
    }

    static void load() {
        Holder.touch();
    }
}
