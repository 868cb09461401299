/**
 * Java classes named exactly like systemd's D-Bus error names. dbus-java turns a remote error
 * {@code org.freedesktop.systemd1.NoSuchUnit} into an instance of the class with that name when it
 * exists, which is the only way to tell systemd's errors apart (it does not expose the error name).
 * Only {@code io.github.rootlesspanel.systemd} uses them.
 */
package org.freedesktop.systemd1;
