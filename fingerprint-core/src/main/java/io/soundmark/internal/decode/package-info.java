/** <b>Internal.</b> The core's decoder: WAV, AIFF and AU through the JDK's Java Sound readers. */
package io.soundmark.internal.decode;
