/**
 * API: find things with the fingerprints. {@link io.soundmark.index.SegmentIndex} keeps segment
 * records on disk (Apache Lucene, HNSW) and answers similarity searches by vector or by clip;
 * {@link io.soundmark.index.SoundmarkDetector} finds registered sound marks (jingles, sound logos,
 * ads) in files of any length and in live streams, reporting each occurrence with its times.
 */
package io.soundmark.index;
