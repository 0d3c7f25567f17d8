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

    /** Reads the info frame at {@code offset}; null when the frame carries no Xing/Info header with a LAME tag. */
    static GaplessInfo parse(byte[] b, int offset) {
        MpegFrameHeader header = MpegFrameHeader.parse(b, offset);
        if (header == null) {
            return null;
        }
        int p = offset + 4 + header.sideInfoBytes();
        if (p + 8 > b.length || !(tagAt(b, p, "Xing") || tagAt(b, p, "Info"))) {
            return null;
        }
        int flags = readInt(b, p + 4);
        p += 8;
        long frames = -1;
        if ((flags & FRAMES_FLAG) != 0) {
            frames = readInt(b, p) & 0xffffffffL;
            p += 4;
        }
        p += ((flags & BYTES_FLAG) != 0 ? 4 : 0) + ((flags & TOC_FLAG) != 0 ? 100 : 0) + ((flags & QUALITY_FLAG) != 0 ? 4 : 0);
        if (frames < 0 || p + 24 > b.length || !(tagAt(b, p, "LAME") || tagAt(b, p, "Lavc") || tagAt(b, p, "Lavf"))) {
            return null;
        }
        int q = p + 21;
        int delay = ((b[q] & 0xff) << 4) | ((b[q + 1] & 0xff) >>> 4);
        int padding = ((b[q + 1] & 0x0f) << 8) | (b[q + 2] & 0xff);
        return new GaplessInfo(frames, delay, padding);
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
