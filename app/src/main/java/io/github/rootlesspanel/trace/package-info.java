/**
 * Measurements the panel can report about itself ({@code --trace-startup}); no JavaFX, no D-Bus: the UI and
 * the entry points call in, the benchmarks parse what it prints.
 */
package io.github.rootlesspanel.trace;
