/**
 * Which changes of the components deserve a notice (a desktop notification and the window's notice area):
 * a pure policy over unit states, the panel's own jobs and the user's choice, with rate limits, and the
 * service that feeds it from the systemd watch. No JavaFX and no D-Bus here.
 */
package io.github.rootlesspanel.notices;
