package io.github.rootlesspanel.containers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.google.protobuf.Empty;
import com.google.rpc.Status;

import io.github.rootlesspanel.containers.api.containers.Container;
import io.github.rootlesspanel.containers.api.containers.ContainersGrpc;
import io.github.rootlesspanel.containers.api.containers.ListContainersRequest;
import io.github.rootlesspanel.containers.api.events.Envelope;
import io.github.rootlesspanel.containers.api.events.EventsGrpc;
import io.github.rootlesspanel.containers.api.events.SubscribeRequest;
import io.github.rootlesspanel.containers.api.introspection.IntrospectionGrpc;
import io.github.rootlesspanel.containers.api.introspection.Plugin;
import io.github.rootlesspanel.containers.api.introspection.PluginsRequest;
import io.github.rootlesspanel.containers.api.namespaces.ListNamespacesRequest;
import io.github.rootlesspanel.containers.api.namespaces.Namespace;
import io.github.rootlesspanel.containers.api.namespaces.NamespacesGrpc;
import io.github.rootlesspanel.containers.api.tasks.ListTasksRequest;
import io.github.rootlesspanel.containers.api.tasks.Process;
import io.github.rootlesspanel.containers.api.tasks.TasksGrpc;
import io.github.rootlesspanel.containers.api.version.VersionGrpc;
import io.grpc.ClientInterceptor;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.MetadataUtils;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;

/**
 * A minimal client for containerd's gRPC API on its unix socket (plaintext HTTP/2, grpc-java with the
 * native epoll transport of grpc-netty-shaded). Thread-safe; blocking calls, each with a time limit, so call
 * them off the JavaFX thread. Close it: it owns one event-loop thread (a daemon, so a forgotten client does
 * not keep the JVM alive, but its socket stays open until {@link #close()}).
 *
 * <p>Deliberately without keep-alive pings: containerd's gRPC server (grpc-go defaults) answers pings more
 * often than every 5 minutes with GOAWAY "too_many_pings", and over a unix socket a dead daemon shows as a
 * closed connection at once. The inbound message limit is containerd's 16 MiB, not grpc-java's 4 MiB.
 * Namespaced services (Containers, Tasks) need the {@value #NAMESPACE_HEADER} header
 * ({@link #namespaceHeader(String)}); Version and Introspection do not.
 */
public final class ContainerdClient implements AutoCloseable {

    /** gRPC metadata key for the containerd namespace (nerdctl's default namespace is {@code default}). */
    public static final String NAMESPACE_HEADER = "containerd-namespace";
    /** How long a call may take unless {@link #connect(Path, Duration)} says otherwise. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(10);
    /** containerd's own server limit (16 MiB); grpc-java's default inbound limit is 4 MiB. */
    static final int MAX_INBOUND_MESSAGE_BYTES = 16 << 20;
    /** Where containerd-rootless.sh's child sees the host's $XDG_RUNTIME_DIR/containerd (a bind mount). */
    private static final Path CHILD_STATE_DIR = Path.of("/run/containerd");

    private final Path socket;
    private final Duration callTimeout;
    private final EventLoopGroup group;
    /** The event loop's threads, so close() returns only once they are gone. */
    private List<Thread> threads = List.of();
    /** Replaced after a failed connection attempt (see {@link #channel()}); guarded by {@code this}. */
    private ManagedChannel channel;
    private boolean closed;

    private ContainerdClient(Path socket, Duration callTimeout, EventLoopGroup group) {
        this.socket = socket;
        this.callTimeout = callTimeout;
        this.group = group;
        this.channel = newChannel();
    }

    /**
     * Where rootless containerd's socket is for this user: {@code CONTAINERD_ADDRESS} when set (as nerdctl
     * reads it; a {@code unix://} prefix is allowed), else {@code $XDG_RUNTIME_DIR/containerd/containerd.sock}.
     * Rootless nerdctl resolves CONTAINERD_ADDRESS inside RootlessKit's mount namespace, where
     * {@code /run/containerd} is the host's {@code $XDG_RUNTIME_DIR/containerd}; the panel runs on the host, so
     * such a path is mapped back (the in-namespace default {@code /run/containerd/containerd.sock} gives the
     * same socket as no setting).
     *
     * @throws ContainerdException {@link ContainerdException.Kind#NO_ADDRESS} when neither variable helps
     */
    public static Path defaultSocket(Map<String, String> env) throws ContainerdException {
        String runtime = nonBlank(env.get("XDG_RUNTIME_DIR"));
        String address = nonBlank(env.get("CONTAINERD_ADDRESS"));
        if (address != null) {
            Path given = Path.of(unixPath(address));
            if (runtime != null && given.isAbsolute() && given.normalize().startsWith(CHILD_STATE_DIR)) {
                return Path.of(runtime, "containerd").resolve(CHILD_STATE_DIR.relativize(given.normalize()));
            }
            return given;
        }
        if (runtime != null) {
            return Path.of(runtime, "containerd", "containerd.sock");
        }
        throw new ContainerdException(ContainerdException.Kind.NO_ADDRESS,
                "Neither CONTAINERD_ADDRESS nor XDG_RUNTIME_DIR is set, so containerd's socket cannot be found. "
                        + "This usually means the session was entered with su or sudo. Log in as the user directly "
                        + "(desktop, ssh or `machinectl shell USER@`), or export XDG_RUNTIME_DIR=/run/user/$(id -u).",
                "", null);
    }

    /** {@link #connect(Path, Duration)} with {@link #DEFAULT_CALL_TIMEOUT}. */
    public static ContainerdClient connect(Path socket) throws ContainerdException {
        return connect(socket, DEFAULT_CALL_TIMEOUT);
    }

    /**
     * A client for the containerd gRPC socket at {@code socket}. Checks that the socket exists; the
     * connection itself is made by the first call (and made again after containerd restarts), so a daemon that
     * is down shows as {@link ContainerdException.Kind#NOT_RUNNING} from that call.
     *
     * @param callTimeout the time limit of each call
     */
    public static ContainerdClient connect(Path socket, Duration callTimeout) throws ContainerdException {
        Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(callTimeout, "callTimeout");
        Path abs = socket.toAbsolutePath();
        if (abs.getFileName() != null && abs.getFileName().toString().endsWith(".ttrpc")) {
            throw new ContainerdException(ContainerdException.Kind.FAILED, abs + " is containerd's ttrpc socket, "
                    + "which speaks ttrpc, not gRPC. Use the gRPC socket beside it, "
                    + abs.resolveSibling(abs.getFileName().toString().replaceFirst("\\.ttrpc$", "")) + ".", "", null);
        }
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(abs, BasicFileAttributes.class);   // a symlink to the socket is fine
        } catch (IOException e) {
            throw notRunning("no socket at " + abs, e.toString(), e);
        }
        if (!attrs.isOther()) {
            throw new ContainerdException(ContainerdException.Kind.FAILED,
                    abs + " is not a socket, so it cannot be containerd's.", "", null);
        }
        if (!Epoll.isAvailable()) {
            Throwable why = Epoll.unavailabilityCause();
            throw new ContainerdException(ContainerdException.Kind.FAILED,
                    "The native epoll transport that unix sockets need could not be loaded (" + why + "). "
                            + "If java.io.tmpdir is mounted noexec, point -Dio.grpc.netty.shaded.io.netty.native.workdir "
                            + "at a directory where libraries may be loaded.", String.valueOf(why), why);
        }
        // One event-loop thread, daemon; ours to shut down in close().
        List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        DefaultThreadFactory names = new DefaultThreadFactory("containerd-grpc", true);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, r -> {
            Thread t = names.newThread(r);
            threads.add(t);
            return t;
        }, EpollIoHandler.newFactory());
        try {
            ContainerdClient client = new ContainerdClient(abs, callTimeout, group);
            client.threads = threads;
            return client;
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw e;
        }
    }

    private ManagedChannel newChannel() {
        return NettyChannelBuilder.forAddress(new DomainSocketAddress(socket.toString()))
                .channelType(EpollDomainSocketChannel.class, DomainSocketAddress.class)
                .eventLoopGroup(group)
                .usePlaintext()
                .overrideAuthority("localhost")   // what containerd's own Go client sends
                .maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES)
                .userAgent("rootless-panel")
                // grpc-netty always sets SO_KEEPALIVE, which a unix socket does not have: Netty would log
                // "Unknown channel option 'SO_KEEPALIVE'" for every connection. A null value removes it.
                .withOption(ChannelOption.SO_KEEPALIVE, null)
                .build();   // no keepAliveTime: see the class comment
    }

    /**
     * The channel for the next call. After a failed connection attempt a gRPC channel stays in
     * TRANSIENT_FAILURE and fails calls at once until its reconnect backoff (up to 2 minutes) expires, so a
     * containerd that was restarted meanwhile would still look down; such a channel is replaced by a fresh one,
     * which connects on the call itself.
     */
    private synchronized ManagedChannel channel() {
        if (closed) {
            throw new IllegalStateException("this ContainerdClient is closed");
        }
        if (channel.getState(false) == ConnectivityState.TRANSIENT_FAILURE) {
            channel.shutdownNow();
            channel = newChannel();
        }
        return channel;
    }

    /** The socket this client talks to. */
    public Path socket() {
        return socket;
    }

    /** containerd's version, e.g. {@code 1.6.20~ds1} (Debian 12). Also the cheapest "does it answer?". */
    public String version() throws ContainerdException {
        return call("ask containerd for its version", () ->
                VersionGrpc.newBlockingStub(channel()).withDeadlineAfter(callTimeout.toMillis(), TimeUnit.MILLISECONDS)
                        .version(Empty.getDefaultInstance()).getVersion());
    }

    /** Every plugin containerd knows, loaded or not, in containerd's order. */
    public List<PluginInfo> plugins() throws ContainerdException {
        return plugins(List.of());
    }

    /**
     * The plugins matching any of {@code filters} (containerd's filter syntax, e.g.
     * {@code type==io.containerd.snapshotter.v1}; empty = all).
     */
    public List<PluginInfo> plugins(List<String> filters) throws ContainerdException {
        PluginsRequest request = PluginsRequest.newBuilder().addAllFilters(filters).build();
        List<Plugin> plugins = call("list containerd's plugins", () ->
                IntrospectionGrpc.newBlockingStub(channel()).withDeadlineAfter(callTimeout.toMillis(), TimeUnit.MILLISECONDS)
                        .plugins(request).getPluginsList());
        List<PluginInfo> out = new ArrayList<>(plugins.size());
        for (Plugin p : plugins) {
            out.add(toInfo(p));
        }
        return List.copyOf(out);
    }

    static PluginInfo toInfo(Plugin p) {
        Optional<String> initError = Optional.empty();
        if (p.hasInitErr()) {
            Status s = p.getInitErr();
            String message = s.getMessage().isBlank()
                    ? "failed to initialise (gRPC code " + io.grpc.Status.fromCodeValue(s.getCode()).getCode() + ")"
                    : s.getMessage();
            initError = Optional.of(message);
        }
        return new PluginInfo(p.getType(), p.getId(), p.getExportsMap(), p.getCapabilitiesList(), initError);
    }

    /** The names of containerd's namespaces (nerdctl's is {@code default}, buildkit's {@code buildkit}), sorted. */
    public List<String> namespaces() throws ContainerdException {
        List<Namespace> list = call("list containerd's namespaces", () ->
                NamespacesGrpc.newBlockingStub(channel()).withDeadlineAfter(callTimeout.toMillis(), TimeUnit.MILLISECONDS)
                        .list(ListNamespacesRequest.getDefaultInstance()).getNamespacesList());
        return list.stream().map(Namespace::getName).sorted().toList();
    }

    /**
     * The containers of {@code namespace}, each with its task if it has one (Containers.List joined with
     * Tasks.List by container id), in containerd's order. Two calls, not one snapshot: a container created
     * between them shows without a task, a task of a container deleted between them is dropped.
     */
    public List<ContainerInfo> containers(String namespace) throws ContainerdException {
        Objects.requireNonNull(namespace, "namespace");
        if (namespace.isBlank()) {
            throw new IllegalArgumentException("blank containerd namespace");
        }
        ClientInterceptor header = MetadataUtils.newAttachHeadersInterceptor(namespaceHeader(namespace));
        List<Container> containers = call("list the containers of namespace " + namespace, () ->
                ContainersGrpc.newBlockingStub(channel()).withInterceptors(header)
                        .withDeadlineAfter(callTimeout.toMillis(), TimeUnit.MILLISECONDS)
                        .list(ListContainersRequest.getDefaultInstance()).getContainersList());
        List<Process> tasks = call("list the tasks of namespace " + namespace, () ->
                TasksGrpc.newBlockingStub(channel()).withInterceptors(header)
                        .withDeadlineAfter(callTimeout.toMillis(), TimeUnit.MILLISECONDS)
                        .list(ListTasksRequest.getDefaultInstance()).getTasksList());
        Map<String, TaskInfo> byId = ContainerMapping.tasksById(tasks);
        List<ContainerInfo> out = new ArrayList<>(containers.size());
        for (Container c : containers) {
            out.add(ContainerMapping.container(namespace, c, byId));
        }
        return List.copyOf(out);
    }

    /** {@link #subscribeEvents(List, Consumer, Consumer)} for every event of every namespace. */
    public EventSubscription subscribeEvents(Consumer<ContainerEvent> onEvent, Consumer<ContainerdException> onError) {
        return subscribeEvents(List.of(), onEvent, onError);
    }

    /**
     * Streams containerd's events from now on (nothing is replayed: list again after subscribing), of every
     * namespace unless a filter says otherwise (containerd's filter syntax, ORed; e.g.
     * {@code topic~="^/(tasks|containers)/"}, {@code namespace==default}). Both handlers run on a gRPC thread.
     * When the stream fails or containerd ends it (containerd stopped or restarted, ...) {@code onError} is
     * called once and nothing more arrives: subscribe again (with a backoff) and re-list. The stream has no
     * time limit and no keep-alive (see the class comment). Closing the subscription calls neither handler.
     */
    public EventSubscription subscribeEvents(List<String> filters, Consumer<ContainerEvent> onEvent,
                                             Consumer<ContainerdException> onError) {
        Objects.requireNonNull(onEvent, "onEvent");
        Objects.requireNonNull(onError, "onError");
        SubscribeRequest request = SubscribeRequest.newBuilder().addAllFilters(filters).build();
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<ClientCallStreamObserver<SubscribeRequest>> call = new AtomicReference<>();
        EventsGrpc.newStub(channel()).subscribe(request, new ClientResponseObserver<SubscribeRequest, Envelope>() {
            @Override
            public void beforeStart(ClientCallStreamObserver<SubscribeRequest> requestStream) {
                call.set(requestStream);
            }

            @Override
            public void onNext(Envelope envelope) {
                if (done.get()) {
                    return;
                }
                try {
                    onEvent.accept(ContainerMapping.event(envelope));
                } catch (RuntimeException e) {
                    if (done.compareAndSet(false, true)) {
                        call.get().cancel("the event handler failed", e);
                        onError.accept(new ContainerdException(ContainerdException.Kind.FAILED,
                                "The panel's handler of containerd's events failed: " + e, e.toString(), e));
                    }
                }
            }

            @Override
            public void onError(Throwable t) {
                if (done.compareAndSet(false, true)) {
                    onError.accept(translate("follow containerd's events",
                            io.grpc.Status.fromThrowable(t).asRuntimeException()));
                }
            }

            @Override
            public void onCompleted() {
                if (done.compareAndSet(false, true)) {
                    onError.accept(new ContainerdException(ContainerdException.Kind.UNAVAILABLE,
                            "containerd (" + socket + ") ended its event stream. Is containerd restarting?",
                            "stream completed", null));
                }
            }
        });
        return () -> {
            if (done.compareAndSet(false, true)) {
                ClientCallStreamObserver<SubscribeRequest> c = call.get();
                if (c != null) {
                    c.cancel("unsubscribed", null);
                }
            }
        };
    }

    /** The header that namespaced services (Containers, Tasks, Images, ...) need, for a stub's interceptor. */
    static Metadata namespaceHeader(String namespace) {
        Metadata m = new Metadata();
        m.put(Metadata.Key.of(NAMESPACE_HEADER, Metadata.ASCII_STRING_MARSHALLER), namespace);
        return m;
    }

    private <T> T call(String what, Supplier<T> rpc) throws ContainerdException {
        try {
            return rpc.get();
        } catch (StatusRuntimeException e) {
            throw translate(what, e);
        }
    }

    /** gRPC's status, and the socket error under it, as a sentence for the user. */
    ContainerdException translate(String what, StatusRuntimeException e) {
        io.grpc.Status status = e.getStatus();
        String detail = status.getCode() + (status.getDescription() == null ? "" : ": " + status.getDescription())
                + causeChain(status.getCause());
        switch (status.getCode()) {
            case UNAVAILABLE: {
                String cause = causeChain(status.getCause()).toLowerCase(Locale.ROOT);
                if (!Files.exists(socket) || cause.contains("no such file")) {
                    return notRunning("no socket at " + socket, detail, e);
                }
                if (cause.contains("connection refused")) {
                    return notRunning("nothing answers on " + socket, detail, e);
                }
                if (cause.contains("permission denied")) {
                    return new ContainerdException(ContainerdException.Kind.ACCESS_DENIED,
                            "No permission to use containerd's socket " + socket
                                    + " (it belongs to another user, or its mode does not allow you).", detail, e);
                }
                return new ContainerdException(ContainerdException.Kind.UNAVAILABLE,
                        "The connection to containerd (" + socket + ") was lost or could not be made, "
                                + "so the panel could not " + what + ". Is containerd restarting?", detail, e);
            }
            case DEADLINE_EXCEEDED:
                return new ContainerdException(ContainerdException.Kind.TIMEOUT, "containerd (" + socket
                        + ") did not answer within " + seconds(callTimeout) + ", so the panel could not " + what
                        + ".", detail, e);
            case UNIMPLEMENTED:
                return new ContainerdException(ContainerdException.Kind.UNSUPPORTED,
                        "This containerd cannot " + what + " (it does not offer that call; an older version?).",
                        detail, e);
            case PERMISSION_DENIED:
            case UNAUTHENTICATED:
                return new ContainerdException(ContainerdException.Kind.ACCESS_DENIED,
                        "containerd refused to " + what + " (permission denied).", detail, e);
            default:
                return new ContainerdException(ContainerdException.Kind.FAILED, "containerd could not " + what
                        + ": " + (status.getDescription() == null ? status.getCode() : status.getDescription()) + ".",
                        detail, e);
        }
    }

    private static ContainerdException notRunning(String why, String detail, Throwable cause) {
        return new ContainerdException(ContainerdException.Kind.NOT_RUNNING,
                "containerd is not running (" + why + ").", detail, cause);
    }

    private static String causeChain(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            sb.append(" <- ").append(c.getClass().getSimpleName());
            if (c.getMessage() != null) {
                sb.append(": ").append(c.getMessage());
            }
        }
        return sb.toString();
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String unixPath(String address) throws ContainerdException {
        if (address.startsWith("unix://")) {
            return address.substring("unix://".length());
        }
        if (address.startsWith("unix:")) {
            return address.substring("unix:".length());
        }
        if (address.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*")) {
            throw new ContainerdException(ContainerdException.Kind.NO_ADDRESS, "CONTAINERD_ADDRESS=" + address
                    + " is not a unix socket; the panel talks to containerd only over its unix socket.", "", null);
        }
        return address;
    }

    private static String nonBlank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /**
     * Closes the connection and stops the event-loop thread; waits up to a few seconds for both. Idempotent.
     * Calls after this throw {@link IllegalStateException}.
     */
    @Override
    public void close() {
        ManagedChannel last;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            last = channel;
        }
        last.shutdown();
        boolean interrupted = false;
        try {
            if (!last.awaitTermination(2, TimeUnit.SECONDS)) {
                last.shutdownNow();
                last.awaitTermination(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            last.shutdownNow();
            interrupted = true;
        }
        // quiet period 0: nothing else uses this group (awaitUninterruptibly keeps an interrupt pending)
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        // the termination future completes a moment before the thread itself ends
        for (Thread t : threads) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
