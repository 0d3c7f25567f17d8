package io.soundmark.internal.decode;

import io.soundmark.decode.MediaProbe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;

/**
 * Refuses the WAV, AIFF and AU headers that Java Sound would misread rather than reject: its
 * readers take a WAV of 7 bits per sample for 8-bit audio, ignore the block align, and skip AU
 * header sizes blindly. The checks read the probe's first bytes, where these headers are; lengths
 * are checked later, against what the file holds ({@link StatedLengthPcmStream}).
 */
final class PcmHeaderCheck {

    static final int PCM = 1;
    static final int FLOAT = 3;
    static final int ALAW = 6;
    static final int MULAW = 7;
    private static final int EXTENSIBLE = 0xFFFE;
    private static final int AU_HEADER = 24;

    private PcmHeaderCheck() {
    }

    /**
     * The codec of a WAV's fmt chunk (the sub-format's for WAVE_FORMAT_EXTENSIBLE), when the chunk
     * lies in {@code head}.
     */
    static OptionalInt wavCodec(byte[] head) {
        int fmt = wavFmtChunk(head);
        if (fmt < 0 || fmt + 8 + 16 > head.length) {
            return OptionalInt.empty();
        }
        int tag = le16(head, fmt + 8);
        if (tag == EXTENSIBLE) {
            return fmt + 8 + 26 <= head.length ? OptionalInt.of(le16(head, fmt + 8 + 24)) : OptionalInt.empty();
        }
        return OptionalInt.of(tag);
    }

    /**
     * Whether a WAV's data chunk, which starts at {@code dataStart}, has the size 0xffffffff that
     * writers to a pipe leave: the length is unknown, not 4 GiB.
     */
    static boolean unknownWavDataSize(MediaProbe probe, long dataStart) {
        byte[] h = probe.head();
        return probe.startsWith(0, "RIFF") && dataStart >= 8 && dataStart <= h.length
                && le32(h, (int) dataStart - 4) == 0xffffffffL;
    }

    /** Throws when the header is one Java Sound would misread; the message says what is wrong. */
    static void check(MediaProbe probe) throws IOException {
        byte[] head = probe.head();
        if (probe.startsWith(0, "RIFF") && probe.startsWith(8, "WAVE")) {
            checkWav(head);
        } else if (probe.startsWith(0, "FORM")) {
            checkAiff(head, probe.startsWith(8, "AIFC"));
        } else if (probe.startsWith(0, ".snd")) {
            checkAu(head, probe.size().orElse(-1));
        }
    }

    private static void checkWav(byte[] h) throws IOException {
        int fmt = wavFmtChunk(h);
        if (fmt < 0) {
            throw new IOException("unsupported WAV: no fmt chunk before its data");
        }
        long size = le32(h, fmt + 4);
        if (size < 16) {
            throw new IOException("unsupported WAV: its fmt chunk is " + size + " bytes, less than the 16 it needs");
        }
        if (fmt + 8 + 16 > h.length) {
            throw new IOException("the file ends inside its fmt chunk");
        }
        int p = fmt + 8;
        int tag = le16(h, p);
        int channels = le16(h, p + 2);
        int blockAlign = le16(h, p + 12);
        int bits = le16(h, p + 14);
        if (tag == EXTENSIBLE) {
            if (size < 40 || p + 26 > h.length) {
                throw new IOException("unsupported WAV: its WAVE_FORMAT_EXTENSIBLE fmt chunk is " + size
                        + " bytes, less than the 40 it needs");
            }
            tag = le16(h, p + 24);
        }
        if (channels == 0) {
            throw new IOException("unsupported WAV: 0 channels");
        }
        switch (tag) {
            case PCM -> {
                if (bits != 8 && bits != 16 && bits != 24 && bits != 32) {
                    throw new IOException("unsupported WAV: " + bits + " bits per sample (8, 16, 24 or 32 are read)");
                }
            }
            case FLOAT -> {
                if (bits != 32 && bits != 64) {
                    throw new IOException("unsupported WAV: " + bits + "-bit float samples (32 or 64 bits are read)");
                }
            }
            case ALAW, MULAW -> {
                if (bits != 8) {
                    throw new IOException("unsupported WAV: " + bits + "-bit " + (tag == ALAW ? "A-law" : "µ-law")
                            + " samples (8 bits are read)");
                }
            }
            default -> throw new IOException(String.format("unsupported WAV codec 0x%04x", tag));
        }
        if (blockAlign != channels * (bits / 8)) {
            throw new IOException("unsupported WAV: a block align of " + blockAlign + " bytes does not hold " + channels
                    + (channels == 1 ? " channel" : " channels") + " of " + bits + " bits");
        }
    }

    /** Offset of the fmt chunk's header within {@code h}, or -1 when it is not there before the data. */
    private static int wavFmtChunk(byte[] h) {
        long p = 12;
        while (p + 8 <= h.length) {
            int at = (int) p;
            if (tagAt(h, at, "fmt ")) {
                return at;
            }
            if (tagAt(h, at, "data")) {
                return -1;
            }
            long size = le32(h, at + 4);
            p += 8 + size + (size & 1);
        }
        return -1;
    }

    private static void checkAiff(byte[] h, boolean aifc) throws IOException {
        long p = 12;
        while (p + 8 <= h.length && !tagAt(h, (int) p, "COMM")) {
            long size = be32(h, (int) p + 4);
            p += 8 + size + (size & 1);
        }
        if (p + 8 + 18 > h.length) {
            return; // no COMM chunk in sight: Java Sound reports it
        }
        int comm = (int) p;
        int c = comm + 8;
        int channels = be16(h, c);
        int bits = be16(h, c + 6);
        String compression = aifc && comm + 8 + 22 <= h.length
                ? new String(h, c + 18, 4, StandardCharsets.ISO_8859_1) : "NONE";
        if (channels == 0) {
            throw new IOException("unsupported AIFF: 0 channels");
        }
        boolean integer = compression.equals("NONE") || compression.equals("twos") || compression.equals("sowt");
        if (integer && bits != 8 && bits != 16 && bits != 24 && bits != 32) {
            throw new IOException("unsupported AIFF: " + bits + " bits per sample (8, 16, 24 or 32 are read)");
        }
        if ((be16(h, c + 8) & 0x7fff) == 0x7fff) {
            throw new IOException("unsupported AIFF: its sample rate is not a number");
        }
    }

    private static void checkAu(byte[] h, long fileSize) throws IOException {
        if (h.length < AU_HEADER) {
            throw new IOException("the file ends inside its 24-byte AU header");
        }
        long offset = be32(h, 4);
        if (offset < AU_HEADER) {
            throw new IOException("unsupported AU: a header size of " + offset + " bytes, less than the 24-byte header");
        }
        if (fileSize >= 0 && offset > fileSize) {
            throw new IOException("unsupported AU: a header size of " + offset + " bytes, more than the file's "
                    + fileSize + " bytes");
        }
        long encoding = be32(h, 12);
        if (encoding != 1 && (encoding < 2 || encoding > 6) && encoding != 27) {
            throw new IOException("unsupported AU encoding " + encoding);
        }
        if (be32(h, 20) == 0) {
            throw new IOException("unsupported AU: 0 channels");
        }
    }

    private static boolean tagAt(byte[] h, int p, String tag) {
        return p + 4 <= h.length && new String(h, p, 4, StandardCharsets.ISO_8859_1).equals(tag);
    }

    private static int le16(byte[] h, int p) {
        return (h[p] & 0xff) | (h[p + 1] & 0xff) << 8;
    }

    private static long le32(byte[] h, int p) {
        return (le16(h, p) | (long) le16(h, p + 2) << 16) & 0xffffffffL;
    }

    private static int be16(byte[] h, int p) {
        return (h[p] & 0xff) << 8 | (h[p + 1] & 0xff);
    }

    private static long be32(byte[] h, int p) {
        return ((long) be16(h, p) << 16 | be16(h, p + 2)) & 0xffffffffL;
    }
}
