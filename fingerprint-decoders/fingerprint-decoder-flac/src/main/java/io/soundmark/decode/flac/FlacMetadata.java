package io.soundmark.decode.flac;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;

/**
 * The metadata blocks of a native FLAC stream, walked here rather than by jflac: every block is
 * skipped by its stated length, so that a file cut inside its metadata says so, and no block (a
 * cover picture, a comment) is parsed into memory. jflac is handed the STREAMINFO block alone,
 * followed by the frames.
 *
 * @param streamInfo the STREAMINFO block's 34 bytes
 * @param audioStart the offset of the first frame
 */
record FlacMetadata(byte[] streamInfo, long audioStart) {

    private static final int STREAMINFO = 0;
    private static final int STREAMINFO_BYTES = 34;
    private static final String[] TYPES = {"STREAMINFO", "PADDING", "APPLICATION", "SEEKTABLE", "VORBIS_COMMENT",
        "CUESHEET", "PICTURE"};

    /**
     * Reads the signature and every metadata block of {@code in}, leaving it at the first frame.
     *
     * @throws IOException naming what is wrong: no STREAMINFO first, one of the wrong size, or the
     *                     file ending inside the metadata
     */
    static FlacMetadata read(InputStream in) throws IOException {
        byte[] signature = in.readNBytes(4);
        if (signature.length < 4 || signature[0] != 'f' || signature[1] != 'L' || signature[2] != 'a' || signature[3] != 'C') {
            throw new IOException("no fLaC signature");
        }
        long offset = 4;
        byte[] streamInfo = null;
        for (int index = 0; ; index++) {
            byte[] header = in.readNBytes(4);
            if (header.length < 4) {
                throw new IOException("the file ends inside its metadata, at byte " + (offset + header.length));
            }
            boolean last = (header[0] & 0x80) != 0;
            int type = header[0] & 0x7f;
            int length = (header[1] & 0xff) << 16 | (header[2] & 0xff) << 8 | (header[3] & 0xff);
            offset += 4;
            if (index == 0 && type != STREAMINFO) {
                throw new IOException("its first metadata block is " + typeName(type) + ", not STREAMINFO");
            }
            if (type == STREAMINFO) {
                if (index > 0) {
                    throw new IOException("a second STREAMINFO block, at byte " + (offset - 4));
                }
                if (length != STREAMINFO_BYTES) {
                    throw new IOException("its STREAMINFO block is " + length + " bytes, not " + STREAMINFO_BYTES);
                }
                streamInfo = in.readNBytes(STREAMINFO_BYTES);
                if (streamInfo.length < STREAMINFO_BYTES) {
                    throw new IOException("the file ends inside its STREAMINFO block");
                }
            } else {
                try {
                    in.skipNBytes(length);
                } catch (EOFException e) {
                    throw new IOException("the file ends inside its metadata (a " + typeName(type) + " block of "
                            + length + " bytes at byte " + (offset - 4) + ")", e);
                }
            }
            offset += length;
            if (last) {
                return new FlacMetadata(streamInfo, offset);
            }
        }
    }

    /** The stream jflac reads: the signature, the STREAMINFO block (marked last), then {@code frames}. */
    InputStream forDecoder(InputStream frames) {
        byte[] head = new byte[4 + 4 + STREAMINFO_BYTES];
        head[0] = 'f';
        head[1] = 'L';
        head[2] = 'a';
        head[3] = 'C';
        head[4] = (byte) 0x80;
        head[7] = STREAMINFO_BYTES;
        System.arraycopy(streamInfo, 0, head, 8, STREAMINFO_BYTES);
        return new SequenceInputStream(new ByteArrayInputStream(head), frames);
    }

    private static String typeName(int type) {
        return type < TYPES.length ? TYPES[type] : type == 127 ? "invalid (127)" : "reserved (" + type + ")";
    }
}
