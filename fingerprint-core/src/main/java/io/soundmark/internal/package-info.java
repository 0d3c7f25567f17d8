/**
 * <b>Internal.</b> Implementation shared by Soundmark's own modules; not an API, may change in any
 * release. Everything under {@code io.soundmark.internal} is internal.
 */
package io.soundmark.internal;
