/** Examples of the README, compiled and tested: each snippet is a method of one of these classes. */
package io.soundmark.examples;
