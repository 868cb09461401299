package io.github.rootlesspanel.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;

import io.github.rootlesspanel.containers.api.containers.Container;
import io.github.rootlesspanel.containers.api.containers.ContainersGrpc;
import io.github.rootlesspanel.containers.api.containers.ListContainersRequest;
import io.github.rootlesspanel.containers.api.containers.ListContainersResponse;
import io.github.rootlesspanel.containers.api.events.Envelope;
import io.github.rootlesspanel.containers.api.events.EventsGrpc;
import io.github.rootlesspanel.containers.api.events.SubscribeRequest;
import io.github.rootlesspanel.containers.api.events.TaskExit;
import io.github.rootlesspanel.containers.api.namespaces.ListNamespacesRequest;
import io.github.rootlesspanel.containers.api.namespaces.ListNamespacesResponse;
import io.github.rootlesspanel.containers.api.namespaces.Namespace;
import io.github.rootlesspanel.containers.api.namespaces.NamespacesGrpc;
import io.github.rootlesspanel.containers.api.tasks.ListTasksRequest;
import io.github.rootlesspanel.containers.api.tasks.ListTasksResponse;
import io.github.rootlesspanel.containers.api.tasks.Process;
import io.github.rootlesspanel.containers.api.tasks.TaskStatus;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

/**
 * namespaces(), containers() and subscribeEvents() against a fake Namespaces/Containers/Tasks/Events server on a
 * unix socket that answers as containerd 1.6 does (Tasks.List with container_id empty, Go zero exited_at, a
 * JSON spec): the namespace header, the join, and the stream's end handling.
 */
class ContainerReadsTest {

    private static final Metadata.Key<String> NS = Metadata.Key.of("containerd-namespace", Metadata.ASCII_STRING_MARSHALLER);
    private static final Context.Key<String> SEEN = Context.key("ns");

    @TempDir
    Path dir;
    private EventLoopGroup group;
    private Server server;
    private Path sock;
    private final List<String> seenNamespaces = new CopyOnWriteArrayList<>();
    private final BlockingQueue<StreamObserver<Envelope>> subscribers = new LinkedBlockingQueue<>();
    private final CountDownLatch cancelled = new CountDownLatch(1);

    @BeforeEach
    void start() throws Exception {
        sock = dir.resolve("containerd.sock");
        group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("fake", true), EpollIoHandler.newFactory());
        ServerInterceptor headers = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata h, ServerCallHandler<Q, R> next) {
                String ns = h.get(NS);
                return Contexts.interceptCall(Context.current().withValue(SEEN, ns == null ? "" : ns), call, h, next);
            }
        };
        server = NettyServerBuilder.forAddress(new DomainSocketAddress(sock.toString()))
                .channelType(EpollServerDomainSocketChannel.class).bossEventLoopGroup(group).workerEventLoopGroup(group)
                .addService(ServerInterceptors.intercept(new NamespacesGrpc.NamespacesImplBase() {
                    @Override
                    public void list(ListNamespacesRequest r, StreamObserver<ListNamespacesResponse> out) {
                        out.onNext(ListNamespacesResponse.newBuilder()
                                .addNamespaces(Namespace.newBuilder().setName("default"))
                                .addNamespaces(Namespace.newBuilder().setName("buildkit")).build());
                        out.onCompleted();
                    }
                }, headers))
                .addService(ServerInterceptors.intercept(new ContainersGrpc.ContainersImplBase() {
                    @Override
                    public void list(ListContainersRequest r, StreamObserver<ListContainersResponse> out) {
                        String ns = SEEN.get();
                        seenNamespaces.add(ns);
                        if (ns.isEmpty()) {
                            out.onError(Status.FAILED_PRECONDITION.withDescription("namespace is required: failed precondition")
                                    .asRuntimeException());
                            return;
                        }
                        Any spec = Any.newBuilder().setTypeUrl(ContainerMapping.OCI_SPEC_TYPE_URL).setValue(ByteString.copyFrom(
                                "{\"ociVersion\":\"1.0.2-dev\",\"annotations\":{\"role\":\"web\"}}", StandardCharsets.UTF_8)).build();
                        out.onNext(ListContainersResponse.newBuilder()
                                .addContainers(Container.newBuilder().setId("web").setImage("localhost/busybox:test")
                                        .putLabels("nerdctl/name", "web").setSpec(spec).setSnapshotter("overlayfs")
                                        .setCreatedAt(Timestamp.newBuilder().setSeconds(1_780_000_000L)))
                                .addContainers(Container.newBuilder().setId("idle").setImage("localhost/busybox:test"))
                                .build());
                        out.onCompleted();
                    }
                }, headers))
                .addService(ServerInterceptors.intercept(new io.github.rootlesspanel.containers.api.tasks.TasksGrpc.TasksImplBase() {
                    @Override
                    public void list(ListTasksRequest r, StreamObserver<ListTasksResponse> out) {
                        seenNamespaces.add(SEEN.get());
                        out.onNext(ListTasksResponse.newBuilder().addTasks(Process.newBuilder().setId("web").setPid(4242)
                                .setStatus(TaskStatus.RUNNING).setExitedAt(Timestamp.newBuilder().setSeconds(-62135596800L)))
                                .build());
                        out.onCompleted();
                    }
                }, headers))
                .addService(new EventsGrpc.EventsImplBase() {
                    @Override
                    public void subscribe(SubscribeRequest r, StreamObserver<Envelope> out) {
                        ((ServerCallStreamObserver<Envelope>) out).setOnCancelHandler(cancelled::countDown);
                        subscribers.add(out);
                    }
                })
                .build().start();
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    @Test
    void namespacesAreSorted() throws Exception {
        try (ContainerdClient client = ContainerdClient.connect(sock)) {
            assertThat(client.namespaces()).containsExactly("buildkit", "default");
        }
    }

    @Test
    void containersAreJoinedWithTheirTasksAndSendTheNamespace() throws Exception {
        try (ContainerdClient client = ContainerdClient.connect(sock)) {
            List<ContainerInfo> list = client.containers("default");
            assertThat(seenNamespaces).containsExactly("default", "default");
            assertThat(list).extracting(ContainerInfo::id).containsExactly("web", "idle");
            ContainerInfo web = list.get(0);
            assertThat(web.annotations()).isEqualTo(Map.of("role", "web"));
            assertThat(web.labels()).isEqualTo(Map.of("nerdctl/name", "web"));
            assertThat(web.task()).hasValueSatisfying(t -> {
                assertThat(t.pid()).isEqualTo(4242);
                assertThat(t.status()).isEqualTo(TaskInfo.Status.RUNNING);
                assertThat(t.exitedAt()).isEmpty();
            });
            assertThat(list.get(1).task()).isEmpty();
            assertThatThrownBy(() -> client.containers(" ")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void eventsStreamAndAnEndIsReportedOnce() throws Exception {
        BlockingQueue<ContainerEvent> events = new LinkedBlockingQueue<>();
        BlockingQueue<ContainerdException> errors = new LinkedBlockingQueue<>();
        try (ContainerdClient client = ContainerdClient.connect(sock);
             EventSubscription sub = client.subscribeEvents(events::add, errors::add)) {
            StreamObserver<Envelope> out = subscribers.poll(5, TimeUnit.SECONDS);
            assertThat(out).isNotNull();
            out.onNext(Envelope.newBuilder().setNamespace("default").setTopic("/tasks/exit")
                    .setEvent(Any.newBuilder().setTypeUrl("containerd.events.TaskExit")
                            .setValue(TaskExit.newBuilder().setContainerId("web").setExitStatus(137).build().toByteString()))
                    .build());
            ContainerEvent e = events.poll(5, TimeUnit.SECONDS);
            assertThat(e).isNotNull();
            assertThat(e.containerId()).contains("web");
            assertThat(e.exitStatus()).hasValue(137);

            out.onError(Status.UNAVAILABLE.withDescription("Network closed for unknown reason").asRuntimeException());
            ContainerdException err = errors.poll(5, TimeUnit.SECONDS);
            assertThat(err).isNotNull();
            assertThat(err.kind()).isEqualTo(ContainerdException.Kind.UNAVAILABLE);
            sub.close();   // after the error: no second call
            assertThat(errors.poll(300, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void closingTheSubscriptionCancelsTheStreamWithoutAnError() throws Exception {
        BlockingQueue<ContainerdException> errors = new LinkedBlockingQueue<>();
        try (ContainerdClient client = ContainerdClient.connect(sock)) {
            EventSubscription sub = client.subscribeEvents(List.of("topic==\"/tasks/exit\""), e -> { }, errors::add);
            assertThat(subscribers.poll(5, TimeUnit.SECONDS)).isNotNull();
            sub.close();
            sub.close();
            assertThat(cancelled.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(errors.poll(300, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void aServerThatEndsTheStreamIsReportedAsAnError() throws Exception {
        BlockingQueue<ContainerdException> errors = new LinkedBlockingQueue<>();
        try (ContainerdClient client = ContainerdClient.connect(sock);
             EventSubscription sub = client.subscribeEvents(e -> { }, errors::add)) {
            StreamObserver<Envelope> out = subscribers.poll(5, TimeUnit.SECONDS);
            assertThat(out).isNotNull();
            out.onCompleted();
            ContainerdException err = errors.poll(5, TimeUnit.SECONDS);
            assertThat(err).isNotNull();
            assertThat(err.kind()).isEqualTo(ContainerdException.Kind.UNAVAILABLE);
            assertThat(errors.poll(300, TimeUnit.MILLISECONDS)).isNull();
        }
    }
}
