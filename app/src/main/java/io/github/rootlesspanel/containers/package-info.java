/**
 * A minimal client for containerd's gRPC API over its unix socket ({@link io.github.rootlesspanel.containers.ContainerdClient}).
 * Protobuf and gRPC stay inside this package (the generated messages and stubs live in its {@code api}
 * sub-packages, made from our own minimal .proto files in app/src/main/proto); callers see records and
 * {@link io.github.rootlesspanel.containers.ContainerdException}.
 */
package io.github.rootlesspanel.containers;
