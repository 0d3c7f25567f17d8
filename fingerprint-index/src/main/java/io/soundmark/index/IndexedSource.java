package io.soundmark.index;

import io.soundmark.AudioSourceType;

/**
 * A source as an index holds it.
 *
 * @param id               its source id (unique in the index)
 * @param location         where it was read from (an absolute path or a URL), or {@code null} when
 *                         it came from a stream
 * @param audioSourceType  whether it was audio or the audio track of a video
 * @param segments         how many window records it has
 * @param totalDurationSec its duration as the fingerprinter reported it, or {@code null} when unknown
 */
public record IndexedSource(String id, String location, AudioSourceType audioSourceType, int segments,
                            Double totalDurationSec) {
}
