package io.soundmark.decode.mp3;

/** The 4-byte header of an MPEG audio frame (MPEG-1, 2 and 2.5; only Layer III is accepted). */
record MpegFrameHeader(int version, int sampleRate, int bitrateKbps, int channels, int frameBytes, int samplesPerFrame,
                       int sideInfoBytes) {

    static final int MPEG1 = 1;
    private static final int[][] BITRATES = {
        {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320},   // MPEG-1 Layer III
        {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160}};      // MPEG-2/2.5 Layer III
    private static final int[] RATES = {44100, 48000, 32000};

    /** Parses the header at {@code offset}, or returns null when the bytes are not a Layer III header. */
    static MpegFrameHeader parse(byte[] b, int offset) {
        if (offset + 4 > b.length) {
            return null;
        }
        int h = ((b[offset] & 0xff) << 24) | ((b[offset + 1] & 0xff) << 16) | ((b[offset + 2] & 0xff) << 8) | (b[offset + 3] & 0xff);
        if ((h >>> 21) != 0x7ff) {
            return null;
        }
        int versionBits = (h >>> 19) & 3;     // 0: 2.5, 2: 2, 3: 1
        int layerBits = (h >>> 17) & 3;       // 1: Layer III
        int bitrateIndex = (h >>> 12) & 15;
        int rateIndex = (h >>> 10) & 3;
        if (versionBits == 1 || layerBits != 1 || bitrateIndex == 0 || bitrateIndex == 15 || rateIndex == 3) {
            return null;
        }
        int version = versionBits == 3 ? 1 : versionBits == 2 ? 2 : 25;
        int rate = RATES[rateIndex] / (version == 1 ? 1 : version == 2 ? 2 : 4);
        int kbps = BITRATES[version == 1 ? 0 : 1][bitrateIndex];
        int padding = (h >>> 9) & 1;
        int channels = ((h >>> 6) & 3) == 3 ? 1 : 2;
        int samples = version == 1 ? 1152 : 576;
        int bytes = samples / 8 * kbps * 1000 / rate + padding;
        int sideInfo = version == 1 ? (channels == 1 ? 17 : 32) : (channels == 1 ? 9 : 17);
        return new MpegFrameHeader(version, rate, kbps, channels, bytes, samples, sideInfo);
    }

    /** Bytes of the smallest frame at this version and rate (the lowest bitrate, no padding). */
    int minFrameBytes() {
        return samplesPerFrame / 8 * BITRATES[version == MPEG1 ? 0 : 1][1] * 1000 / sampleRate;
    }

    /** Bytes of the largest frame at this version and rate (the highest bitrate, padded). */
    int maxFrameBytes() {
        return samplesPerFrame / 8 * BITRATES[version == MPEG1 ? 0 : 1][14] * 1000 / sampleRate + 1;
    }

    /** Whether a plausible Layer III stream starts at {@code offset}: two consecutive matching headers. */
    static boolean isStreamAt(byte[] b, int offset) {
        MpegFrameHeader first = parse(b, offset);
        if (first == null) {
            return false;
        }
        MpegFrameHeader second = parse(b, offset + first.frameBytes());
        return second == null
                ? offset + first.frameBytes() >= b.length   // the head ends first: one header must do
                : second.sampleRate() == first.sampleRate() && second.version() == first.version();
    }
}
