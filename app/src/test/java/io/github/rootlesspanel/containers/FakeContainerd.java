package io.github.rootlesspanel.containers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.Empty;

import io.github.rootlesspanel.containers.api.introspection.IntrospectionGrpc;
import io.github.rootlesspanel.containers.api.introspection.Plugin;
import io.github.rootlesspanel.containers.api.introspection.PluginsRequest;
import io.github.rootlesspanel.containers.api.introspection.PluginsResponse;
import io.github.rootlesspanel.containers.api.version.VersionGrpc;
import io.github.rootlesspanel.containers.api.version.VersionResponse;
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
import io.grpc.stub.StreamObserver;

/**
 * A gRPC server on a unix socket that answers containerd's Version and Introspection calls the way
 * containerd 1.6 does, with canned answers; for the client's unit tests (the real daemon is in
 * ContainerdClientIT). It records the requests and the namespace header it saw.
 */
final class FakeContainerd implements AutoCloseable {

    static final Metadata.Key<String> NAMESPACE = Metadata.Key.of("containerd-namespace", Metadata.ASCII_STRING_MARSHALLER);
    private static final Context.Key<String> SEEN_NAMESPACE = Context.key("ns");

    final Path socket;
    final List<PluginsRequest> pluginRequests = new CopyOnWriteArrayList<>();
    final List<String> namespaces = new CopyOnWriteArrayList<>();
    volatile String version = "1.6.20~ds1";
    volatile List<Plugin> plugins = List.of();
    /** When set, every call fails with it. */
    volatile Status failWith;
    /** When positive, every call waits this long before answering. */
    volatile long delayMillis;

    private final EventLoopGroup group;
    private final Server server;

    private FakeContainerd(Path socket, boolean withIntrospection) throws IOException {
        this.socket = socket;
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("fake-containerd", true),
                EpollIoHandler.newFactory());
        ServerInterceptor headers = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata h,
                                                               ServerCallHandler<Q, R> next) {
                String ns = h.get(NAMESPACE);
                return Contexts.interceptCall(Context.current().withValue(SEEN_NAMESPACE, ns == null ? "" : ns),
                        call, h, next);
            }
        };
        NettyServerBuilder b = NettyServerBuilder.forAddress(new DomainSocketAddress(socket.toString()))
                .channelType(EpollServerDomainSocketChannel.class)
                .bossEventLoopGroup(group).workerEventLoopGroup(group)
                .maxInboundMessageSize(16 << 20)
                .addService(ServerInterceptors.intercept(new VersionService(), headers));
        if (withIntrospection) {
            b.addService(ServerInterceptors.intercept(new IntrospectionService(), headers));
        }
        this.server = b.build().start();
    }

    static FakeContainerd start(Path socket) throws IOException {
        return new FakeContainerd(socket, true);
    }

    /** An "old containerd": only the Version service. */
    static FakeContainerd withoutIntrospection(Path socket) throws IOException {
        return new FakeContainerd(socket, false);
    }

    private boolean failOrDelay(StreamObserver<?> out) {
        namespaces.add(SEEN_NAMESPACE.get());
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Status f = failWith;
        if (f != null) {
            out.onError(f.asRuntimeException());
            return true;
        }
        return false;
    }

    private final class VersionService extends VersionGrpc.VersionImplBase {
        @Override
        public void version(Empty request, StreamObserver<VersionResponse> out) {
            if (failOrDelay(out)) {
                return;
            }
            out.onNext(VersionResponse.newBuilder().setVersion(version).setRevision(version + "-1").build());
            out.onCompleted();
        }
    }

    private final class IntrospectionService extends IntrospectionGrpc.IntrospectionImplBase {
        @Override
        public void plugins(PluginsRequest request, StreamObserver<PluginsResponse> out) {
            pluginRequests.add(request);
            if (failOrDelay(out)) {
                return;
            }
            out.onNext(PluginsResponse.newBuilder().addAllPlugins(plugins).build());
            out.onCompleted();
        }
    }

    @Override
    public void close() {
        server.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
