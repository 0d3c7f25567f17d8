/**
 * <b>API.</b> Fingerprint audio and the audio tracks of videos: build an
 * {@link io.soundmark.AudioFingerprinter} with its builder, hand it {@link io.soundmark.FingerprintInput}s,
 * receive {@link io.soundmark.SegmentEmbedding} records (one per window, SPEC's JSON names).
 * {@link io.soundmark.ParallelFingerprinter} runs many inputs at once; failures are
 * {@link io.soundmark.SoundmarkException}s naming the input and the cause.
 *
 * <pre>{@code
 * try (AudioFingerprinter fingerprinter = AudioFingerprinter.builder().model(ModelSource.demo()).build()) {
 *     List<SegmentEmbedding> segments = fingerprinter.fingerprint(FingerprintInput.audio("jingle.wav"));
 * }
 * }</pre>
 *
 * This is the only package ordinary use needs, with {@code io.soundmark.model} for choosing a model.
 */
package io.soundmark;
