package dev.streamflow.bridge.node;

import dev.streamflow.pm.key.Address;
import dev.streamflow.pm.key.EthereumKey;
import dev.streamflow.pm.money.Fraction;
import dev.streamflow.pm.redeem.Redemption;
import io.grpc.servlet.jakarta.GrpcServlet;
import io.grpc.servlet.jakarta.ServletServerBuilder;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The bridge as a Livepeer orchestrator: gRPC (GetOrchestrator, Ping, EndTranscodingSession) and
 * {@code POST /segment} plus {@code GET /stream/...} on one port, over TLS with a self-signed certificate
 * (ALPN h2 and HTTP/1.1) or, with {@code cleartext}, over h2c and HTTP/1.1. Request headers may be 1 MiB,
 * as go's server allows, so that a {@code Livepeer-Payment} with thousands of tickets fits.
 */
public final class BridgeNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BridgeNode.class);
    private static final int MAX_HEADER_BYTES = 1 << 20;
    private static final int MAX_GRPC_MESSAGE_BYTES = 1 << 20;
    private static final int MAX_THREADS = 200;

    private final BridgeConfig config;
    private final SegmentTranscoder transcoder;
    private final ResultSigner signer;
    private final Optional<OnchainOptions> onchain;
    private final SecureRandom random = new SecureRandom();
    private NodePayments payments = NodePayments.OFFCHAIN;
    private Runnable paymentsCloser = () -> { };
    private Server server;
    private EthereumKey key;
    private NodeCertificate certificate;
    private URI serviceUri;

    public BridgeNode(BridgeConfig config, SegmentTranscoder transcoder) {
        this(config, transcoder, ResultSigner.STANDARD);
    }

    public BridgeNode(BridgeConfig config, SegmentTranscoder transcoder, ResultSigner signer) {
        this(config, transcoder, signer, Optional.empty());
    }

    /**
     * @param onchain present for {@code --pm onchain}: the node's key is then the keystore's, every offer carries
     *                ticket parameters and every segment must be paid for with valid tickets
     */
    public BridgeNode(BridgeConfig config, SegmentTranscoder transcoder, ResultSigner signer, Optional<OnchainOptions> onchain) {
        this.config = config;
        this.transcoder = config.echo() ? new EchoTranscoder() : transcoder;
        this.signer = signer;
        this.onchain = onchain;
    }

    /** Loads or makes the key and certificate, binds the port and starts serving. */
    public synchronized BridgeNode start() throws IOException {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        DataFiles.ensureDirectory(config.dataDir());
        key = onchain.isPresent() ? OnchainRecipient.unlock(onchain.get()) : NodeKey.loadOrCreate(config.dataDir(), random);
        if (onchain.isPresent()) {
            OnchainRecipient.Opened opened = OnchainRecipient.open(onchain.get(), key, config.dataDir(),
                    Fraction.of(config.pricePerUnit(), config.pixelsPerUnit()), random);
            payments = opened.payments();
            paymentsCloser = opened.closer();
        }
        if (!config.cleartext()) {
            certificate = NodeCertificate.loadOrCreate(config.dataDir(), certificateHost(), random);
        }
        server = new Server(threadPool());
        ServerConnector connector = connector(server);
        server.addConnector(connector);
        try {
            connector.open(); // binds now, so that the service URI can name the port before the handlers exist
            serviceUri = config.serviceUri().orElse(localUri(connector.getLocalPort()));
            server.setHandler(handlers());
            server.start();
        } catch (Exception e) {
            stopQuietly();
            server = null;
            paymentsCloser.run();
            throw new IOException("cannot serve on " + config.bindAddress() + ":" + config.port() + ": " + e.getMessage(), e);
        }
        announce(connector.getLocalPort());
        return this;
    }

    public synchronized int port() {
        requireStarted();
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    /** Where this host reaches the node: loopback, or the bound address if it is a specific one. */
    public synchronized URI uri() {
        return localUri(port());
    }

    /** The transcoder URI the node advertises. */
    public synchronized URI serviceUri() {
        requireStarted();
        return serviceUri;
    }

    /** The Ethereum address that signs this node's results. */
    public synchronized Address address() {
        requireStarted();
        return key.address();
    }

    /** Hex SHA-256 of the TLS certificate, or empty in cleartext mode. */
    public synchronized Optional<String> certificateFingerprint() {
        requireStarted();
        return Optional.ofNullable(certificate).map(NodeCertificate::fingerprint);
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            stopQuietly();
            server = null;
            paymentsCloser.run();
        }
    }

    /**
     * One redemption pass now, as the node's schedule runs it: every stored winning ticket whose params have expired
     * is redeemed, skipped or kept. Empty when the node is off-chain.
     */
    public List<Redemption> redeemWinningTickets() {
        return onchainPayments().map(OnchainPayments::redeemDue).orElse(List.of());
    }

    /** The on-chain payments, when the node runs with {@code --pm onchain} (tests drive redemption through it). */
    synchronized Optional<OnchainPayments> onchainPayments() {
        return payments instanceof OnchainPayments p ? Optional.of(p) : Optional.empty();
    }

    private ServerConnector connector(Server owner) {
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(MAX_HEADER_BYTES);
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector = config.cleartext() ? cleartextConnector(owner, http) : tlsConnector(owner, http);
        connector.setHost(config.bindAddress());
        connector.setPort(config.port());
        connector.setIdleTimeout(config.limits().idleTimeout().toMillis());
        return connector;
    }

    private static ServerConnector cleartextConnector(Server owner, HttpConfiguration http) {
        // HTTP/1.1 first: Jetty switches a connection that opens with the h2 preface (gRPC's prior knowledge) to h2c.
        return new ServerConnector(owner, new HttpConnectionFactory(http), new HTTP2CServerConnectionFactory(http));
    }

    private ServerConnector tlsConnector(Server owner, HttpConfiguration http) {
        // false: no SNI host check; broadcasters reach the node by names and addresses the certificate lacks.
        http.addCustomizer(new SecureRequestCustomizer(false));
        SslContextFactory.Server tls = new SslContextFactory.Server();
        char[] password = new char[0];
        tls.setKeyStore(certificate.keyStore(password));
        tls.setKeyStorePassword("");
        tls.setSniRequired(false);
        HttpConnectionFactory http1 = new HttpConnectionFactory(http);
        HTTP2ServerConnectionFactory http2 = new HTTP2ServerConnectionFactory(http);
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory();
        alpn.setDefaultProtocol(http1.getProtocol());
        return new ServerConnector(owner, new SslConnectionFactory(tls, alpn.getProtocol()), alpn, http2, http1);
    }

    private ServletContextHandler handlers() {
        Clock clock = Clock.systemUTC();
        AuthTokens tokens = new AuthTokens(random, clock);
        Sessions sessions = new Sessions(config.maxSessions(), System::nanoTime);
        Offers offers = new Offers(serviceUri, key.address().bytes(), config.pricePerUnit(), config.pixelsPerUnit(), config.maxSessions(),
                tokens, payments);
        RenditionStore renditions = new RenditionStore(config.limits().renditionTtl(), config.limits().maxStoredBytes(), System::nanoTime);
        SegmentServlet.NodeParts parts = new SegmentServlet.NodeParts(key, serviceUri, offers, tokens, sessions, transcoder, signer, renditions, config.limits(),
                payments);

        GrpcServlet grpc = new ServletServerBuilder()
                .addService(new OrchestratorService(key, offers, sessions, tokens))
                .maxInboundMessageSize(MAX_GRPC_MESSAGE_BYTES)
                .buildServlet();
        ServletContextHandler context = new ServletContextHandler();
        ServletHolder grpcHolder = new ServletHolder("grpc", grpc);
        grpcHolder.setAsyncSupported(true);
        context.addServlet(grpcHolder, "/net.Orchestrator/*");
        context.addServlet(new ServletHolder("segment", new SegmentServlet(parts)), "/segment");
        context.addServlet(new ServletHolder("stream", new StreamServlet(renditions, config.limits().renditionTtl())), StreamServlet.PREFIX + "/*");
        return context;
    }

    private QueuedThreadPool threadPool() {
        QueuedThreadPool pool = new QueuedThreadPool(MAX_THREADS, 4);
        pool.setName("bridge-node");
        pool.setDaemon(true);
        return pool;
    }

    private void announce(int port) {
        if (config.echo()) {
            log.warn("==================================================================================");
            log.warn("ECHO MODE: this node does NOT transcode; every rendition is the source segment.");
            log.warn("For broadcaster-overhead benchmarks only. Never use it to serve viewers.");
            log.warn("==================================================================================");
        }
        log.info("bridge node serving gRPC and /segment on {}:{} ({}), advertising {}; address {}; price {}/{} wei per pixel; "
                        + "max {} sessions; payments {}{}", config.bindAddress(), port, config.cleartext() ? "cleartext h2c/HTTP/1.1" : "TLS h2/HTTP/1.1",
                serviceUri, key.address(), config.pricePerUnit(), config.pixelsPerUnit(), config.maxSessions(),
                onchain.isPresent() ? "on chain" : "off chain", certificate == null ? "" : "; TLS certificate SHA-256 " + certificate.fingerprint());
    }

    private URI localUri(int port) {
        String bound = config.bindAddress();
        boolean wildcard = bound.isEmpty() || bound.equals("0.0.0.0") || bound.equals("::") || bound.equals("[::]");
        String host = wildcard ? "127.0.0.1" : bound.contains(":") && !bound.startsWith("[") ? "[" + bound + "]" : bound;
        return URI.create(scheme() + "://" + host + ":" + port);
    }

    private String certificateHost() {
        return config.serviceUri().map(URI::getHost).orElse("127.0.0.1");
    }

    private String scheme() {
        return config.cleartext() ? "http" : "https";
    }

    private void requireStarted() {
        if (server == null) {
            throw new IllegalStateException("the node is not running");
        }
    }

    private void stopQuietly() {
        try {
            server.stop();
        } catch (Exception e) {
            log.warn("stopping the bridge node: {}", e.getMessage());
        }
    }
}
