/**
 * <b>Internal.</b> The front end's signal processing, in pipeline order: downmix to mono,
 * band-limited resampling, SPEC windows, and the CLAP log-mel features.
 */
package io.soundmark.internal.dsp;
