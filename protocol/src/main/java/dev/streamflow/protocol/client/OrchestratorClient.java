package dev.streamflow.protocol.client;

import com.google.protobuf.ByteString;
import dev.streamflow.protocol.net.AuthToken;
import dev.streamflow.protocol.net.Capabilities;
import dev.streamflow.protocol.net.EndTranscodingSessionRequest;
import dev.streamflow.protocol.net.OrchestratorGrpc;
import dev.streamflow.protocol.net.OrchestratorInfo;
import dev.streamflow.protocol.net.OrchestratorRequest;
import dev.streamflow.protocol.net.PingPong;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.handler.ssl.util.InsecureTrustManagerFactory;

import javax.net.ssl.SSLException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The gRPC side of one orchestrator: GetOrchestrator, Ping and EndTranscodingSession. {@code https} URIs use
 * TLS that trusts any certificate and host name, as go-livepeer's broadcaster does (see {@link TrustAllTls} for
 * why); {@code http} URIs use cleartext h2c. Every call has a deadline and a bounded reply. Thread-safe; close
 * it when the orchestrator is dropped.
 */
public final class OrchestratorClient implements AutoCloseable {
    /** go-livepeer's {@code GRPCConnectTimeout}. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    /** go-livepeer's default orchestrator port, used when the URI has none. */
    public static final int DEFAULT_PORT = 8935;
    private static final int MAX_METADATA_BYTES = 64 << 10;

    private final URI uri;
    private final BroadcasterIdentity identity;
    private final ManagedChannel channel;

    public OrchestratorClient(URI uri, BroadcasterIdentity identity, ClientLimits limits) {
        this.uri = uri;
        this.identity = identity;
        this.channel = channel(uri, limits);
    }

    public URI uri() {
        return uri;
    }

    /**
     * Asks for a session offer. The reply is checked for what a segment needs (auth token, price, transcoder
     * URI); an unusable offer is a {@link FailureKind#RETRYABLE} failure.
     */
    public OrchestratorInfo getOrchestrator(Capabilities capabilities, Duration timeout) throws OrchestratorException {
        OrchestratorRequest request = OrchestratorRequest.newBuilder()
                .setAddress(identity.address())
                .setSig(identity.requestSignature())
                .setCapabilities(capabilities)
                .build();
        OrchestratorInfo info = call("GetOrchestrator", timeout, stub -> stub.getOrchestrator(request));
        Optional<String> problem = OrchestratorInfoCheck.problem(info);
        if (problem.isPresent()) {
            throw new OrchestratorException(FailureKind.RETRYABLE, "GetOrchestrator " + uri + " returned an unusable offer: " + problem.get());
        }
        return info;
    }

    /** The orchestrator's signature over {@code value}; check it with {@code PingSignature.verify}. */
    public byte[] ping(byte[] value, Duration timeout) throws OrchestratorException {
        PingPong request = PingPong.newBuilder().setValue(ByteString.copyFrom(value)).build();
        return call("Ping", timeout, stub -> stub.ping(request)).getValue().toByteArray();
    }

    public void endTranscodingSession(AuthToken token, Duration timeout) throws OrchestratorException {
        EndTranscodingSessionRequest request = EndTranscodingSessionRequest.newBuilder().setAuthToken(token).build();
        call("EndTranscodingSession", timeout, stub -> stub.endTranscodingSession(request));
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }

    private interface Rpc<T> {
        T on(OrchestratorGrpc.OrchestratorBlockingStub stub);
    }

    private <T> T call(String method, Duration timeout, Rpc<T> rpc) throws OrchestratorException {
        OrchestratorGrpc.OrchestratorBlockingStub stub = OrchestratorGrpc.newBlockingStub(channel)
                .withDeadlineAfter(timeout.toNanos(), TimeUnit.NANOSECONDS);
        try {
            return rpc.on(stub);
        } catch (StatusRuntimeException e) {
            throw new OrchestratorException(FailureClassifier.ofRpc(e.getStatus()),
                    method + " " + uri + " failed: " + e.getStatus().getCode() + " " + e.getStatus().getDescription(), e);
        }
    }

    private static ManagedChannel channel(URI uri, ClientLimits limits) {
        boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        if (!tls && !"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("orchestrator URI " + uri + " is not an absolute http(s) URI");
        }
        NettyChannelBuilder builder = NettyChannelBuilder.forAddress(uri.getHost(), uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort())
                .withOption(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) CONNECT_TIMEOUT.toMillis())
                .maxInboundMessageSize(limits.maxMessageBytes())
                .maxInboundMetadataSize(MAX_METADATA_BYTES)
                .userAgent("streamflow");
        if (!tls) {
            return builder.usePlaintext().build();
        }
        try {
            // Accepts any certificate for any name (InsecureTrustManagerFactory skips the host name check too).
            return builder.sslContext(GrpcSslContexts.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE).build()).build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS for " + uri + ": " + e.getMessage(), e);
        }
    }
}
