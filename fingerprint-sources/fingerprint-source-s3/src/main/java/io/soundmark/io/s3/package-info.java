/**
 * <b>Internal.</b> The {@code s3://} media source plug-in (AWS SDK v2), found through
 * {@code ServiceLoader}; configured with {@code SourceOptions} provider settings {@code s3.endpoint}
 * and {@code s3.pathStyle} and the standard AWS credential and region chains.
 */
package io.soundmark.io.s3;
