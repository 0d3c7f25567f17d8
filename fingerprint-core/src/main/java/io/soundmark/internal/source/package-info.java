/** <b>Internal.</b> The core's media sources: local files and http(s) URLs. */
package io.soundmark.internal.source;
