package io.soundmark;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One input to fingerprint: audio, or a video whose default audio track is used. Made with the
 * factories; each kind of input is a small record.
 *
 * <pre>{@code
 * FingerprintInput.audio("spots/jingle.wav");           // local path
 * FingerprintInput.audio("https://example.com/a.mp3");  // URL (file:, http:, https:, s3: with its module)
 * FingerprintInput.video(Path.of("ads/spot.mp4"));      // needs a decoder module that reads video
 * FingerprintInput.audio(inputStream, "wav");           // a stream, with an optional format hint
 * FingerprintInput.pcm(samples, 44100, 2);              // interleaved float PCM
 * }</pre>
 *
 * A location string is a local path, or a URI whose scheme an installed
 * {@link io.soundmark.io.MediaSourceProvider} opens. Records made from an input carry its
 * {@link #sourceType()} as {@code audio_source_type}.
 */
public sealed interface FingerprintInput
        permits FingerprintInput.Location, FingerprintInput.LocalFile, FingerprintInput.Streamed, FingerprintInput.Pcm {

    /** {@code audio} or {@code video}, as given. */
    AudioSourceType sourceType();

    /** The input as named in messages (a URL without credentials or query string). */
    String name();

    /** Audio at a local path or URI. */
    static FingerprintInput audio(String location) {
        return new Location(AudioSourceType.AUDIO, location);
    }

    /** The audio track of a video at a local path or URI. */
    static FingerprintInput video(String location) {
        return new Location(AudioSourceType.VIDEO, location);
    }

    /** Audio in a local file. */
    static FingerprintInput audio(Path file) {
        return new LocalFile(AudioSourceType.AUDIO, file);
    }

    /** The audio track of a video in a local file. */
    static FingerprintInput video(Path file) {
        return new LocalFile(AudioSourceType.VIDEO, file);
    }

    /**
     * Audio read from a stream (standard input, an upload), which the fingerprinter reads once
     * and closes.
     *
     * @param formatHint a format name or MIME type such as {@code "wav"}, or {@code null}; the
     *                   format is detected from the content, the hint only breaks ties
     */
    static FingerprintInput audio(InputStream stream, String formatHint) {
        return new Streamed(AudioSourceType.AUDIO, stream, formatHint);
    }

    /** The audio track of a video read from a stream; see {@link #audio(InputStream, String)}. */
    static FingerprintInput video(InputStream stream, String formatHint) {
        return new Streamed(AudioSourceType.VIDEO, stream, formatHint);
    }

    /**
     * Decoded audio: interleaved float samples in [-1, 1].
     *
     * @param samples    {@code frames × channels} values, frame by frame (not copied: do not modify while in use)
     * @param sampleRate rate in Hz, 8000 to 192000
     * @param channels   channel count, at least 1
     */
    static FingerprintInput pcm(float[] samples, int sampleRate, int channels) {
        return new Pcm(samples, sampleRate, channels);
    }

    /**
     * A local path or a URI string.
     *
     * @param sourceType audio or video
     * @param location   a local path, or a URI whose scheme a media source provider opens
     */
    record Location(AudioSourceType sourceType, String location) implements FingerprintInput {
        public Location {
            Objects.requireNonNull(sourceType, "sourceType");
            Objects.requireNonNull(location, "location");
            if (location.isBlank()) {
                throw new IllegalArgumentException("input location is empty");
            }
        }

        @Override
        public String name() {
            return io.soundmark.io.DisplayUri.of(location);
        }
    }

    /**
     * A local file.
     *
     * @param sourceType audio or video
     * @param path       the file
     */
    record LocalFile(AudioSourceType sourceType, Path path) implements FingerprintInput {
        public LocalFile {
            Objects.requireNonNull(sourceType, "sourceType");
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String name() {
            return path.toString();
        }
    }

    /**
     * Bytes read once from a stream.
     *
     * @param sourceType audio or video
     * @param stream     the media's bytes; closed by the fingerprinter
     * @param formatHint a format name or MIME type, or {@code null}
     */
    record Streamed(AudioSourceType sourceType, InputStream stream, String formatHint) implements FingerprintInput {
        public Streamed {
            Objects.requireNonNull(sourceType, "sourceType");
            Objects.requireNonNull(stream, "stream");
        }

        @Override
        public String name() {
            return "<stream" + (formatHint == null ? "" : " " + formatHint) + ">";
        }
    }

    /**
     * Decoded interleaved float samples; always {@link AudioSourceType#AUDIO}.
     *
     * @param samples    {@code frames × channels} values (not copied)
     * @param sampleRate rate in Hz
     * @param channels   channel count
     */
    record Pcm(float[] samples, int sampleRate, int channels) implements FingerprintInput {
        public Pcm {
            Objects.requireNonNull(samples, "samples");
            if (channels < 1 || samples.length % channels != 0) {
                throw new IllegalArgumentException("pcm: " + samples.length + " samples do not form whole frames of "
                        + channels + " channel(s)");
            }
        }

        @Override
        public AudioSourceType sourceType() {
            return AudioSourceType.AUDIO;
        }

        @Override
        public String name() {
            return "<pcm " + sampleRate + " Hz, " + channels + " ch, " + samples.length / channels + " frames>";
        }
    }
}
