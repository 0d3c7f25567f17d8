/**
 * <b>Internal.</b> The FLAC decoder plug-in, found through {@code ServiceLoader}: add the module to the
 * class path, nothing else. Its public provider class exists for {@code ServiceLoader} only.
 */
package io.soundmark.decode.flac;
