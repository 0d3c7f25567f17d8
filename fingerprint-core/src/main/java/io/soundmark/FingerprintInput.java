package io.soundmark;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One input to fingerprint: audio, or a video whose default audio track is used.
 *
 * <pre>{@code
 * FingerprintInput.audio("spots/jingle.wav");           // local path
 * FingerprintInput.audio("file:///data/jingle.wav");    // file: URI
 * FingerprintInput.video(Path.of("ads/spot.mp4"));      // needs a decoder module that reads video
 * FingerprintInput.audio(inputStream, "wav");           // a stream, with an optional format hint
 * FingerprintInput.pcm(samples, 44100, 2);              // interleaved float PCM
 * }</pre>
 *
 * A location string is a local path, or a URI whose scheme an installed
 * {@link io.soundmark.io.MediaSourceProvider} opens ({@code file:}, {@code http:} and {@code https:}
 * are built in; {@code s3:} comes with {@code fingerprint-source-s3}). Records made from
 * it carry {@link #sourceType()} as {@code audio_source_type}.
 */
public final class FingerprintInput {

    private final AudioSourceType sourceType;
    private final String location;
    private final Path path;
    private final InputStream stream;
    private final String formatHint;
    private final float[] pcm;
    private final int pcmRate;
    private final int pcmChannels;

    private FingerprintInput(AudioSourceType sourceType, String location, Path path, InputStream stream,
                             String formatHint, float[] pcm, int pcmRate, int pcmChannels) {
        this.sourceType = sourceType;
        this.location = location;
        this.path = path;
        this.stream = stream;
        this.formatHint = formatHint;
        this.pcm = pcm;
        this.pcmRate = pcmRate;
        this.pcmChannels = pcmChannels;
    }

    /** Audio at a local path or URI. */
    public static FingerprintInput audio(String location) {
        return ofLocation(AudioSourceType.AUDIO, location);
    }

    /** The audio track of a video at a local path or URI. */
    public static FingerprintInput video(String location) {
        return ofLocation(AudioSourceType.VIDEO, location);
    }

    /** Audio in a local file. */
    public static FingerprintInput audio(Path file) {
        return new FingerprintInput(AudioSourceType.AUDIO, null, Objects.requireNonNull(file, "file"), null, null, null, 0, 0);
    }

    /** The audio track of a video in a local file. */
    public static FingerprintInput video(Path file) {
        return new FingerprintInput(AudioSourceType.VIDEO, null, Objects.requireNonNull(file, "file"), null, null, null, 0, 0);
    }

    /**
     * Audio read from a stream, which the fingerprinter reads once and closes.
     *
     * @param formatHint a format name or MIME type such as {@code "wav"}, or {@code null}; the
     *                   format is detected from the content, the hint only breaks ties
     */
    public static FingerprintInput audio(InputStream stream, String formatHint) {
        return new FingerprintInput(AudioSourceType.AUDIO, null, null, Objects.requireNonNull(stream, "stream"), formatHint, null, 0, 0);
    }

    /** The audio track of a video read from a stream; see {@link #audio(InputStream, String)}. */
    public static FingerprintInput video(InputStream stream, String formatHint) {
        return new FingerprintInput(AudioSourceType.VIDEO, null, null, Objects.requireNonNull(stream, "stream"), formatHint, null, 0, 0);
    }

    /**
     * Decoded audio: interleaved float samples in [-1, 1].
     *
     * @param samples    {@code frames × channels} values, frame by frame (not copied: do not modify while in use)
     * @param sampleRate rate in Hz, 8000 to 192000
     * @param channels   channel count, at least 1
     */
    public static FingerprintInput pcm(float[] samples, int sampleRate, int channels) {
        Objects.requireNonNull(samples, "samples");
        if (channels < 1 || samples.length % channels != 0) {
            throw new IllegalArgumentException("pcm: " + samples.length + " samples do not form whole frames of "
                    + channels + " channel(s)");
        }
        return new FingerprintInput(AudioSourceType.AUDIO, null, null, null, null, samples, sampleRate, channels);
    }

    private static FingerprintInput ofLocation(AudioSourceType type, String location) {
        Objects.requireNonNull(location, "location");
        if (location.isBlank()) {
            throw new IllegalArgumentException("input location is empty");
        }
        return new FingerprintInput(type, location, null, null, null, null, 0, 0);
    }

    /** {@code audio} or {@code video}, as given. */
    public AudioSourceType sourceType() {
        return sourceType;
    }

    /** The input as named in messages. */
    public String name() {
        if (location != null) {
            return location;
        }
        if (path != null) {
            return path.toString();
        }
        if (stream != null) {
            return "<stream" + (formatHint == null ? "" : " " + formatHint) + ">";
        }
        return "<pcm " + pcmRate + " Hz, " + pcmChannels + " ch, " + pcm.length / pcmChannels + " frames>";
    }

    String location() {
        return location;
    }

    Path path() {
        return path;
    }

    InputStream stream() {
        return stream;
    }

    String formatHint() {
        return formatHint;
    }

    float[] pcm() {
        return pcm;
    }

    int pcmRate() {
        return pcmRate;
    }

    int pcmChannels() {
        return pcmChannels;
    }

    @Override
    public String toString() {
        return sourceType.jsonName() + " " + name();
    }
}
