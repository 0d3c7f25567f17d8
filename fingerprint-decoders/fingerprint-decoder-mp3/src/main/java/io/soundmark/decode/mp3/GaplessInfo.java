package io.soundmark.decode.mp3;

/**
 * The Xing/Info header and LAME extension of an MP3's first frame: how many frames follow and how
 * many samples the encoder added at the start (delay) and end (padding).
 *
 * @param frames   audio frames after the header frame
 * @param delay    encoder delay in samples
 * @param padding  padding in samples at the end
 */
record GaplessInfo(long frames, int delay, int padding) {

    private static final int FRAMES_FLAG = 1;
    private static final int BYTES_FLAG = 2;
    private static final int TOC_FLAG = 4;
    private static final int QUALITY_FLAG = 8;
    /** The LAME extension's fields up to and including the delay and padding. */
    private static final int LAME_BYTES = 24;

    /**
     * Reads the info frame at {@code offset}; null when the frame carries no Xing/Info header with a
     * LAME tag, or when {@code b} ends before the fields do (nothing is read beyond it).
     */
    static GaplessInfo parse(byte[] b, int offset) {
        MpegFrameHeader header = MpegFrameHeader.parse(b, offset);
        if (header == null) {
            return null;
        }
        int p = offset + 4 + header.sideInfoBytes();
        if (!has(b, p, 8) || !(tagAt(b, p, "Xing") || tagAt(b, p, "Info"))) {
            return null;
        }
        int flags = readInt(b, p + 4);
        p += 8;
        if ((flags & FRAMES_FLAG) == 0 || !has(b, p, 4)) {
            return null;
        }
        long frames = readInt(b, p) & 0xffffffffL;
        p += 4;
        p += ((flags & BYTES_FLAG) != 0 ? 4 : 0) + ((flags & TOC_FLAG) != 0 ? 100 : 0) + ((flags & QUALITY_FLAG) != 0 ? 4 : 0);
        if (!has(b, p, LAME_BYTES) || !(tagAt(b, p, "LAME") || tagAt(b, p, "Lavc") || tagAt(b, p, "Lavf"))) {
            return null;
        }
        int q = p + 21;
        int delay = ((b[q] & 0xff) << 4) | ((b[q + 1] & 0xff) >>> 4);
        int padding = ((b[q + 1] & 0x0f) << 8) | (b[q + 2] & 0xff);
        return new GaplessInfo(frames, delay, padding);
    }

    /** Samples the encoder's input had: the frames less the delay and the padding (may be 0 or less for a lie). */
    long length(int samplesPerFrame) {
        return frames * samplesPerFrame - delay - padding;
    }

    private static boolean has(byte[] b, int p, int bytes) {
        return p >= 0 && p + bytes <= b.length;
    }

    private static boolean tagAt(byte[] b, int p, String tag) {
        for (int i = 0; i < tag.length(); i++) {
            if (p + i >= b.length || b[p + i] != tag.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int readInt(byte[] b, int p) {
        return ((b[p] & 0xff) << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
    }
}
