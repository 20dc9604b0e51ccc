package dev.streamflow.bridge.node;

import dev.streamflow.protocol.client.BroadcasterIdentity;
import dev.streamflow.protocol.client.ClientLimits;
import dev.streamflow.protocol.client.OrchestratorClient;
import dev.streamflow.protocol.client.OrchestratorException;
import dev.streamflow.protocol.net.OrchestratorInfo;
import dev.streamflow.protocol.wire.WireCapabilities;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link BridgeMain} as its own process, as {@code ./streamflow bridge} runs it. */
class BridgeProcessTest {

    @TempDir
    Path dir;

    @Test
    void runsServesAndStopsOnSigterm() throws Exception {
        int port = freePort();
        Path data = dir.resolve("data");
        Path log = dir.resolve("bridge.log");
        Process bridge = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), BridgeMain.class.getName(),
                "--bind", "127.0.0.1", "--port", Integer.toString(port), "--data", data.toString(), "--http", "--echo",
                "--max-sessions", "2")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try (OrchestratorClient rpc = new OrchestratorClient(URI.create("http://127.0.0.1:" + port), NodeFixture.newBroadcaster(), ClientLimits.defaults())) {
            OrchestratorInfo info = firstOffer(rpc, bridge);
            assertEquals("http://127.0.0.1:" + port, info.getTranscoder());
            assertEquals(1, NodeFixture.segments(BroadcasterIdentity.anonymous()).submit(
                    anonymousOffer(port), NodeFixture.job(1), NodeFixture.TIMEOUTS).seq());
        } finally {
            bridge.destroy();
        }
        assertTrue(bridge.waitFor(20, TimeUnit.SECONDS), "the bridge stops on SIGTERM");
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(output.contains("ECHO MODE"), output);
        String secret = Files.readString(data.resolve(NodeKey.FILE_NAME), StandardCharsets.US_ASCII).strip();
        assertEquals(64, secret.length());
        assertFalse(output.toLowerCase().contains(secret.toLowerCase()), "the node key must never be logged");
    }

    private static OrchestratorInfo anonymousOffer(int port) throws Exception {
        try (OrchestratorClient rpc = new OrchestratorClient(URI.create("http://127.0.0.1:" + port), BroadcasterIdentity.anonymous(), ClientLimits.defaults())) {
            return rpc.getOrchestrator(capabilities(), Duration.ofSeconds(5));
        }
    }

    /** The bridge is up when it answers; until then each attempt fails fast with a refused connection. */
    private static OrchestratorInfo firstOffer(OrchestratorClient rpc, Process bridge) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                return rpc.getOrchestrator(capabilities(), Duration.ofSeconds(2));
            } catch (OrchestratorException e) {
                if (!bridge.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("the bridge did not come up: " + e.getMessage(), e);
                }
                bridge.waitFor(100, TimeUnit.MILLISECONDS);
            }
        }
    }

    private static dev.streamflow.protocol.net.Capabilities capabilities() {
        return WireCapabilities.jobCapabilities(List.of(WireProfiles.toWire(NodeFixture.RUNG)));
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
