/**
 * The live namespace and network picture of rootless containerd, as the RootlessKit network-design figure draws it:
 * namespaces by their real inode numbers, the processes in them, interfaces, containers, published ports and
 * bypass4netns sessions ({@link io.github.rootlesspanel.topology.Topology}); a pure layout of it
 * ({@link io.github.rootlesspanel.topology.Layout}); and the monitor that rebuilds it on events. No JavaFX here.
 */
package io.github.rootlesspanel.topology;
