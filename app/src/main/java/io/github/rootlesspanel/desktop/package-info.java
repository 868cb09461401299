/**
 * The desktop session around the panel, over the session bus: notifications
 * ({@code org.freedesktop.Notifications}) and the XDG desktop portal's appearance settings. Like
 * {@code systemd}, the only other package that talks D-Bus; the rest sees records and interfaces.
 */
package io.github.rootlesspanel.desktop;
