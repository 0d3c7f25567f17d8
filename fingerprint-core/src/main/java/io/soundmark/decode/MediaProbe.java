package io.soundmark.decode;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What decoders see of an input: its first bytes, a stream positioned at its start, and, when
 * known, its local file (some decoders prefer random access), its size in bytes (to check the
 * lengths that headers state) and the caller's format hint. Immutable.
 *
 * <pre>{@code
 * MediaProbe probe = new MediaProbe("clip.wav", head, stream).withSize(Files.size(path));
 * }</pre>
 */
public final class MediaProbe {

    /** Number of leading bytes read for probing (or fewer, for shorter inputs). */
    public static final int HEAD_SIZE = 64 * 1024;

    private final String name;
    private final byte[] head;
    private final InputStream stream;
    private final Path file;
    private final long size;
    private final String formatHint;

    /**
     * A probe with no file, size or hint.
     *
     * @param name    the input as named in messages
     * @param head    the first bytes of the input (at most {@link #HEAD_SIZE})
     * @param stream  the whole input from its first byte
     */
    public MediaProbe(String name, byte[] head, InputStream stream) {
        this(name, head.clone(), stream, null, -1, null);
    }

    private MediaProbe(String name, byte[] head, InputStream stream, Path file, long size, String formatHint) {
        this.name = name;
        this.head = head;
        this.stream = stream;
        this.file = file;
        this.size = size;
        this.formatHint = formatHint;
    }

    /** This probe with the input's local file ({@code null} for none). */
    public MediaProbe withFile(Path localFile) {
        return new MediaProbe(name, head, stream, localFile, size, formatHint);
    }

    /** This probe with the input's size in bytes (negative: unknown). */
    public MediaProbe withSize(long bytes) {
        return new MediaProbe(name, head, stream, file, bytes < 0 ? -1 : bytes, formatHint);
    }

    /** This probe with a caller's hint such as {@code "wav"} or {@code "audio/mpeg"} ({@code null} for none). */
    public MediaProbe withFormatHint(String hint) {
        return new MediaProbe(name, head, stream, file, size, hint);
    }

    /** The input as named in messages (a path or a URL without credentials). */
    public String name() {
        return name;
    }

    /** A copy of the first bytes of the input (at most {@link #HEAD_SIZE}). */
    public byte[] head() {
        return head.clone();
    }

    /** Whether the input starts with {@code magic} at {@code offset}. */
    public boolean startsWith(int offset, String magic) {
        byte[] m = magic.getBytes(StandardCharsets.ISO_8859_1);
        return head.length >= offset + m.length
                && Arrays.equals(head, offset, offset + m.length, m, 0, m.length);
    }

    /** The input from its first byte; decoders read it once and do not close it. */
    public InputStream stream() {
        return stream;
    }

    /** The local file holding the input, when there is one. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /**
     * The input's size in bytes, when known (a local file, a Content-Length, an object's size).
     * Decoders use it to refuse lengths that a header states but the input cannot hold.
     */
    public OptionalLong size() {
        return size < 0 ? OptionalLong.empty() : OptionalLong.of(size);
    }

    /** The caller's format hint, when given. */
    public Optional<String> formatHint() {
        return Optional.ofNullable(formatHint);
    }

    /**
     * A best guess at the container or codec from the leading bytes, for messages such as
     * "no installed decoder reads it (looks like MP3 audio)"; empty when unrecognised.
     */
    public Optional<String> guessFormat() {
        if (head.length == 0) {
            return Optional.of("empty input");
        }
        if (startsWith(0, "RIFF") && startsWith(8, "WAVE")) {
            return Optional.of("WAV audio");
        }
        if (startsWith(0, "RF64")) {
            return Optional.of("RF64/BWF audio");
        }
        if (startsWith(0, "RIFF") && startsWith(8, "AVI ")) {
            return Optional.of("AVI video");
        }
        if (startsWith(0, "FORM") && (startsWith(8, "AIFF") || startsWith(8, "AIFC"))) {
            return Optional.of("AIFF audio");
        }
        if (startsWith(0, ".snd")) {
            return Optional.of("AU audio");
        }
        if (startsWith(0, "fLaC")) {
            return Optional.of("FLAC audio");
        }
        if (startsWith(0, "ID3") || isMpegAudioSync()) {
            return Optional.of("MP3 audio");
        }
        if (startsWith(0, "OggS")) {
            return Optional.of("Ogg audio (Vorbis or Opus)");
        }
        if (startsWith(4, "ftyp")) {
            return Optional.of("MP4/M4A/MOV media");
        }
        if (startsWith(0, "\u001aE\u00df\u00a3")) {
            return Optional.of("Matroska/WebM media");
        }
        if (startsWith(0, "FLV")) {
            return Optional.of("FLV video");
        }
        if (head.length > 188 && (head[0] & 0xff) == 0x47 && (head[188] & 0xff) == 0x47) {
            return Optional.of("MPEG-TS video");
        }
        if (startsWith(0, "0&\u00b2u\u008ef\u00cf\u0011")) {
            return Optional.of("ASF/WMA media");
        }
        if (looksLikeText()) {
            return Optional.of("text, not media");
        }
        return Optional.empty();
    }

    private boolean isMpegAudioSync() {
        return head.length >= 2 && (head[0] & 0xff) == 0xff && (head[1] & 0xe0) == 0xe0 && (head[1] & 0x06) != 0;
    }

    private boolean looksLikeText() {
        int n = Math.min(head.length, 4096);
        for (int i = 0; i < n; i++) {
            int b = head[i] & 0xff;
            if (b < 0x09 || (b > 0x0d && b < 0x20 && b != 0x1b)) {
                return false;
            }
        }
        return true;
    }
}
