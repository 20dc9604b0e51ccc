package dev.streamflow.pm.testchain;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** An anvil process on a free loopback port, ready when {@code eth_chainId} answers. */
public final class Anvil implements AutoCloseable {
    public static final long CHAIN_ID = 31337;
    private static final Duration STARTUP = Duration.ofSeconds(15);

    private final Process process;
    private final Path log;
    private final int port;

    private Anvil(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    public static Anvil start(Path binary) throws IOException, InterruptedException {
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) { // the probed port may be taken before anvil binds it
            int port = freePort();
            Path log = Files.createTempFile("anvil-" + port + "-", ".log");
            Process process = new ProcessBuilder(List.of(binary.toString(), "--host", "127.0.0.1", "--port",
                    Integer.toString(port), "--chain-id", Long.toString(CHAIN_ID), "--accounts", "1"))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Anvil anvil = new Anvil(process, log, port);
            try {
                anvil.awaitReady();
                return anvil;
            } catch (IOException e) {
                anvil.close();
                last = e;
            }
        }
        throw last;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(url())).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[]}"))
                .timeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("anvil exited with " + process.exitValue() + ": " + Files.readString(log));
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.ofString()).body().contains("result")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        throw new IOException("anvil did not answer on " + url() + " within " + STARTUP + ": " + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            Files.deleteIfExists(log);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } catch (IOException ignored) {
            // a leftover log file in /tmp is harmless
        }
    }
}
