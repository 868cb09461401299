/**
 * containerd's {@code ~/.config/containerd/config.toml} and nerdctl's {@code ~/.config/nerdctl/nerdctl.toml} as the
 * panel changes them to enable the fuse-overlayfs and stargz snapshotters: {@link
 * io.github.rootlesspanel.config.containerd.ConfigMerge} merges the setup tool's stanzas ({@link
 * io.github.rootlesspanel.config.containerd.SnapshotterStanza}) into the user's file and takes them out again,
 * {@link io.github.rootlesspanel.config.containerd.NerdctlToml} sets the client's default snapshotter. Edits are
 * made on the lines of the file, so comments and everything the panel does not own stay byte for byte; tomlj
 * validates and reads. Pure: no I/O (write through {@link io.github.rootlesspanel.config.AtomicFile}), no JavaFX.
 */
package io.github.rootlesspanel.config.containerd;
