package io.soundmark.decode.ffmpeg;

import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_DBL;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_DBLP;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16P;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S32;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S32P;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_U8;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_U8P;

import java.io.IOException;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.ShortPointer;

/**
 * Copies decoded samples of any FFmpeg sample format, planar or packed, into interleaved floats:
 * bulk copies out of native memory, integers divided by 2^(bits-1), no per-sample boxing.
 */
final class SampleCopier {

    private final int channels;
    // scratch arrays, grown to the largest frame seen and reused
    private float[] floats = new float[0];
    private double[] doubles = new double[0];
    private short[] shorts = new short[0];
    private int[] ints = new int[0];
    private byte[] bytes = new byte[0];

    SampleCopier(int channels) {
        this.channels = channels;
    }

    /** Copies frames {@code from .. from + n} of {@code frame} into {@code out} (interleaved). */
    void copy(AVFrame frame, int from, int n, float[] out) throws IOException {
        int format = frame.format();
        boolean planar = format == AV_SAMPLE_FMT_FLTP || format == AV_SAMPLE_FMT_S16P || format == AV_SAMPLE_FMT_S32P
                || format == AV_SAMPLE_FMT_DBLP || format == AV_SAMPLE_FMT_U8P;
        int planes = planar ? channels : 1;
        int perPlane = planar ? n : n * channels;
        long offset = planar ? from : (long) from * channels;
        for (int p = 0; p < planes; p++) {
            BytePointer data = frame.data(p);
            int stride = planar ? channels : 1;
            if (format == AV_SAMPLE_FMT_FLT || format == AV_SAMPLE_FMT_FLTP) {
                floats = floats.length >= perPlane ? floats : new float[perPlane];
                new FloatPointer(data).position(offset).get(floats, 0, perPlane);
                for (int i = 0; i < perPlane; i++) {
                    out[i * stride + p] = floats[i];
                }
            } else if (format == AV_SAMPLE_FMT_S16 || format == AV_SAMPLE_FMT_S16P) {
                shorts = shorts.length >= perPlane ? shorts : new short[perPlane];
                new ShortPointer(data).position(offset).get(shorts, 0, perPlane);
                for (int i = 0; i < perPlane; i++) {
                    out[i * stride + p] = shorts[i] / 32768f;
                }
            } else if (format == AV_SAMPLE_FMT_S32 || format == AV_SAMPLE_FMT_S32P) {
                ints = ints.length >= perPlane ? ints : new int[perPlane];
                new IntPointer(data).position(offset).get(ints, 0, perPlane);
                for (int i = 0; i < perPlane; i++) {
                    out[i * stride + p] = (float) (ints[i] / 2147483648.0);
                }
            } else if (format == AV_SAMPLE_FMT_DBL || format == AV_SAMPLE_FMT_DBLP) {
                doubles = doubles.length >= perPlane ? doubles : new double[perPlane];
                new DoublePointer(data).position(offset).get(doubles, 0, perPlane);
                for (int i = 0; i < perPlane; i++) {
                    out[i * stride + p] = (float) doubles[i];
                }
            } else if (format == AV_SAMPLE_FMT_U8 || format == AV_SAMPLE_FMT_U8P) {
                bytes = bytes.length >= perPlane ? bytes : new byte[perPlane];
                data.position(offset).get(bytes, 0, perPlane);
                data.position(0);
                for (int i = 0; i < perPlane; i++) {
                    out[i * stride + p] = ((bytes[i] & 0xff) - 128) / 128f;
                }
            } else {
                throw new IOException("unsupported FFmpeg sample format " + format);
            }
        }
    }
}
