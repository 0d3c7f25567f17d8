/** <b>Internal.</b> The {@code soundmark} command line: one class per command. */
package io.soundmark.cli;
