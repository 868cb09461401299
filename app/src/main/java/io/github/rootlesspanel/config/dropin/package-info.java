/**
 * systemd drop-ins such as {@code ~/.config/systemd/user/containerd.service.d/override.conf}: read as systemd 252
 * reads them and changed without disturbing what the panel does not own. Pure: no I/O, no JavaFX, no D-Bus.
 * {@link io.github.rootlesspanel.config.dropin.DropIn} is the entry point.
 */
package io.github.rootlesspanel.config.dropin;
