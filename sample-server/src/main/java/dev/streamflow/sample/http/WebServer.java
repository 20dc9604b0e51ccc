package dev.streamflow.sample.http;

import com.sun.net.httpserver.HttpServer;
import dev.streamflow.core.ingest.StreamKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** The sample server's HTTP side: HLS files, the player page, its assets and a list of live streams. */
public final class WebServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebServer.class);

    private final HttpServer server;
    private final ExecutorService threads;

    private WebServer(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    /**
     * Listens on {@code host:port} (0 = any free port). {@code hlsRoot} holds {@code <app>/<stream>/master.m3u8};
     * {@code activeStreams} and {@code publishHint} feed the index page.
     */
    public static WebServer start(String host, int port, Path hlsRoot, Supplier<List<StreamKey>> activeStreams,
                                  String publishHint) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 64);
        server.createContext(HlsFileHandler.PREFIX, new HlsFileHandler(hlsRoot));
        server.createContext(PlayerHandler.PREFIX, new PlayerHandler(Assets.hasHlsJs()));
        server.createContext(AssetHandler.PREFIX, new AssetHandler());
        server.createContext("/", new IndexHandler(activeStreams, publishHint));
        ExecutorService threads = Executors.newFixedThreadPool(4, daemonThreads());
        server.setExecutor(threads);
        server.start();
        WebServer web = new WebServer(server, threads);
        log.info("HTTP is listening on {}", web.baseUrl());
        return web;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** e.g. http://127.0.0.1:8080 (loopback shown for a wildcard bind). */
    public String baseUrl() {
        String host = server.getAddress().getAddress().isAnyLocalAddress()
                ? "127.0.0.1" : server.getAddress().getAddress().getHostAddress();
        return "http://" + host + ":" + port();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        log.info("HTTP stopped");
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "http-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
