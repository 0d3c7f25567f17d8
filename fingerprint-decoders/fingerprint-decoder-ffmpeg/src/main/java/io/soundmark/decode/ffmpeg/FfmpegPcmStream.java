package io.soundmark.decode.ffmpeg;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_CORRUPT;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_STREAM_NOT_FOUND;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import io.soundmark.decode.PcmStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalLong;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.PointerPointer;

/**
 * The default audio stream of a file, decoded by FFmpeg frame by frame. Native objects are freed
 * on {@link #close()} (and on any failure while opening).
 */
final class FfmpegPcmStream implements PcmStream {

    private final String name;
    private final Path spool;
    private AVFormatContext format;
    private AVCodecContext codec;
    private AVPacket packet;
    private AVFrame frame;
    private final int streamIndex;
    private final int sampleRate;
    private final int channels;
    private final long frameLength;
    private final SampleCopier copier;
    private boolean draining;
    private boolean ended;
    private boolean frameReady;
    private int frameOffset;
    private long delivered;
    private final StatedLength stated;
    /** Why the packets ended early (a format taking the seconds decoded), or null. */
    private String readFailure;

    /** Opens the decoder of the stream; on failure frees what it allocated (the caller frees {@code format}). */
    private FfmpegPcmStream(String name, Path spool, AVFormatContext format, int streamIndex) throws IOException {
        this.name = name;
        this.spool = spool;
        this.streamIndex = streamIndex;
        AVStream stream = format.streams(streamIndex);
        AVCodecParameters parameters = stream.codecpar();
        AVCodec decoder = avcodec_find_decoder(parameters.codec_id());
        if (decoder == null) {
            throw new IOException("FFmpeg has no decoder for this audio codec (id " + parameters.codec_id() + ")");
        }
        try {
            codec = avcodec_alloc_context3(decoder);
            packet = av_packet_alloc();
            frame = av_frame_alloc();
            if (codec == null || packet == null || frame == null) {
                throw new IOException("FFmpeg cannot allocate a decoder");
            }
            check(avcodec_parameters_to_context(codec, parameters), "reading the codec parameters");
            codec.pkt_timebase(stream.time_base());
            check(avcodec_open2(codec, decoder, (AVDictionary) null), "opening the decoder");
            this.format = format;
            if (!nextFrame()) {
                sampleRate = Math.max(parameters.sample_rate(), 1);
                channels = Math.max(parameters.ch_layout().nb_channels(), 1);
            } else {
                sampleRate = frame.sample_rate();
                channels = frame.ch_layout().nb_channels();
            }
            if (channels < 1 || channels > 64) {
                throw new IOException("unsupported channel count " + channels);
            }
            copier = new SampleCopier(channels);
            stated = new StatedLength(format, stream, parameters, sampleRate);
            frameLength = stated.exact();
        } catch (IOException | RuntimeException e) {
            this.format = null; // the caller's to free
            freeDecoder();
            throw e;
        }
    }

    /**
     * Opens the default audio stream of {@code path}.
     *
     * @param spool a temporary copy to delete on close, or null
     */
    static FfmpegPcmStream open(String path, String name, Path spool) throws IOException {
        FfmpegNatives.load();
        AVFormatContext format = new AVFormatContext(null);
        int r = avformat_open_input(format, path, null, null);
        if (r < 0) {
            throw new IOException("FFmpeg cannot open it: " + error(r));
        }
        try {
            check(avformat_find_stream_info(format, (PointerPointer<?>) null), "reading the stream information");
            int index = av_find_best_stream(format, AVMEDIA_TYPE_AUDIO, -1, -1, (AVCodec) null, 0);
            if (index == AVERROR_STREAM_NOT_FOUND) {
                int video = av_find_best_stream(format, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
                throw new IOException(video >= 0 ? "the video has no audio stream" : "no audio stream found");
            }
            check(index, "finding the audio stream");
            return new FfmpegPcmStream(name, spool, format, index);
        } catch (IOException | RuntimeException e) {
            avformat_close_input(format);
            throw e;
        }
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public OptionalLong frameLength() {
        return frameLength > 0 ? OptionalLong.of(frameLength) : OptionalLong.empty();
    }

    /**
     * Reads decoded frames; stops at the exact length where there is one (dropping the codec's end
     * padding, such as AAC's). A file that ends inside a packet, or cannot be read on, fails once
     * what was decoded before has been handed out.
     */
    @Override
    public int read(float[] buffer, int frames) throws IOException {
        if (frameLength > 0 && delivered >= frameLength) {
            return -1;
        }
        while (!frameReady || frameOffset == frame.nb_samples()) {
            if (!nextFrame()) {
                if (readFailure != null) {
                    throw new IOException(String.format(Locale.ROOT, readFailure, (double) delivered / sampleRate));
                }
                String shortfall = stated.shortfall(delivered, sampleRate);
                if (shortfall != null) {
                    throw new IOException(shortfall);
                }
                return -1;
            }
        }
        if (frame.sample_rate() != sampleRate || frame.ch_layout().nb_channels() != channels) {
            throw new IOException("the audio format changes mid-stream (" + frame.sample_rate() + " Hz, "
                    + frame.ch_layout().nb_channels() + " channels)");
        }
        int n = Math.min(frames, frame.nb_samples() - frameOffset);
        if (frameLength > 0) {
            n = (int) Math.min(n, frameLength - delivered);
        }
        copier.copy(frame, frameOffset, n, buffer);
        frameOffset += n;
        delivered += n;
        return n;
    }

    /** Decodes the next frame of the audio stream into {@link #frame}; false at the end. */
    private boolean nextFrame() throws IOException {
        frameReady = false;
        frameOffset = 0;
        while (!ended) {
            int r = avcodec_receive_frame(codec, frame);
            if (r >= 0) {
                if (frame.nb_samples() > 0) {
                    frameReady = true;
                    return true;
                }
                continue;
            }
            if (r == AVERROR_EOF) {
                ended = true;
                break;
            }
            if (r != EAGAIN) {
                throw new IOException("decoding failed: " + error(r));
            }
            if (draining) {
                ended = true;
                break;
            }
            feedPacket();
        }
        return false;
    }

    private void feedPacket() {
        while (true) {
            int r = av_read_frame(format, packet);
            if (r < 0) {
                if (r != AVERROR_EOF) {
                    readFailure = "reading the file failed after %.1f s: " + error(r);
                }
                drain();
                return;
            }
            try {
                if (stated != null) { // null while the constructor decodes the first frame: the end is what counts
                    stated.packetRead(packet);
                }
                if (packet.stream_index() == streamIndex) {
                    boolean cut = (packet.flags() & AV_PKT_FLAG_CORRUPT) != 0 && format.pb() != null
                            && format.pb().eof_reached() != 0;
                    int s = avcodec_send_packet(codec, packet);
                    if (cut) { // the file ends inside this packet: what it held is lost
                        readFailure = "the file ends inside an audio packet after %.1f s";
                        drain();
                        return;
                    }
                    if (s < 0 && s != EAGAIN) {
                        continue; // a corrupt packet: skip it, as FFmpeg's tools do
                    }
                    return;
                }
            } finally {
                av_packet_unref(packet);
            }
        }
    }

    /** At the end of the packets: flush what the decoder holds. */
    private void drain() {
        draining = true;
        avcodec_send_packet(codec, null);
    }

    /** AVERROR(EAGAIN) on Linux. */
    private static final int EAGAIN = -11;

    private static void check(int result, String what) throws IOException {
        if (result < 0) {
            throw new IOException("FFmpeg failed " + what + ": " + error(result));
        }
    }

    static String error(int code) {
        byte[] text = new byte[256];
        av_strerror(code, text, text.length);
        int end = 0;
        while (end < text.length && text[end] != 0) {
            end++;
        }
        return new String(text, 0, end, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        freeDecoder();
        if (format != null) {
            avformat_close_input(format);
            format = null;
        }
        if (spool != null) {
            Files.deleteIfExists(spool);
        }
    }

    private void freeDecoder() {
        if (frame != null) {
            av_frame_free(frame);
            frame = null;
        }
        if (packet != null) {
            av_packet_free(packet);
            packet = null;
        }
        if (codec != null) {
            avcodec_free_context(codec);
            codec = null;
        }
    }

    @Override
    public String toString() {
        return "FFmpeg stream of " + name;
    }
}
