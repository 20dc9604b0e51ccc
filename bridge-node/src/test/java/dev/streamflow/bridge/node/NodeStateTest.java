package dev.streamflow.bridge.node;

import dev.streamflow.bridge.engine.VideoProfile;
import dev.streamflow.protocol.net.AuthToken;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The node's bookkeeping under a clock the test moves. */
class NodeStateTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @Test
    void renditionsExpireAfterTheirTimeAndTheOldestGoFirstWhenFull() {
        RenditionStore store = new RenditionStore(Duration.ofSeconds(60), 10, nanos::get);
        store.put("/a", new byte[4]);
        nanos.addAndGet(Duration.ofSeconds(30).toNanos());
        store.put("/b", new byte[4]);
        nanos.addAndGet(Duration.ofSeconds(29).toNanos());
        assertTrue(store.get("/a").isPresent());
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        assertTrue(store.get("/a").isEmpty(), "60 s after it was stored");
        assertTrue(store.get("/b").isPresent());
        store.put("/c", new byte[4]);
        store.put("/d", new byte[4]);
        assertTrue(store.get("/b").isEmpty(), "evicted to stay under 10 bytes");
        assertEquals(8, store.bytes());
    }

    @Test
    void sessionsAreCappedBusyAndExpireWhenIdle() {
        byte[] holder = new byte[20];
        Sessions sessions = new Sessions(1, nanos::get);
        assertEquals(Sessions.Admission.ADMITTED, sessions.admit("s1", holder));
        assertEquals(Sessions.Admission.CAPPED, sessions.admit("s2", holder));
        for (int i = 1; i < Sessions.MAX_IN_FLIGHT; i++) {
            assertEquals(Sessions.Admission.ADMITTED, sessions.admit("s1", holder));
        }
        assertEquals(Sessions.Admission.BUSY, sessions.admit("s1", holder));
        for (int i = 0; i < Sessions.MAX_IN_FLIGHT; i++) {
            sessions.release("s1");
        }
        nanos.addAndGet(Sessions.IDLE_TIMEOUT.toNanos() - 1);
        assertTrue(sessions.full());
        nanos.addAndGet(2);
        assertFalse(sessions.full(), "idle for 70 s: gone");
        assertEquals(Sessions.Admission.ADMITTED, sessions.admit("s2", holder));
        assertArrayEquals(holder, sessions.holder("s2"));
        assertTrue(sessions.end("s2"));
        assertEquals(0, sessions.active());
    }

    @Test
    void tokensBindSessionExpiryAndHolder() {
        MovableClock clock = new MovableClock();
        AuthTokens tokens = new AuthTokens(new SecureRandom(), clock);
        byte[] alice = new byte[20];
        alice[0] = 1;
        AuthToken token = tokens.issue(alice);
        assertTrue(token.getSessionId().matches("[0-9a-f]{8}"));
        assertTrue(tokens.problem(token, alice).isEmpty());
        assertEquals("invalid auth token", tokens.problem(token, AuthTokens.ANONYMOUS).orElseThrow());
        assertEquals("invalid auth token", tokens.problem(token.toBuilder().setExpiration(token.getExpiration() + 60).build(), alice).orElseThrow());
        clock.now = clock.now.plus(AuthTokens.VALIDITY).plusSeconds(1);
        assertEquals("expired auth token", tokens.problem(token, alice).orElseThrow());
        AuthToken other = new AuthTokens(new SecureRandom(), clock).issue(alice);
        assertEquals("invalid auth token", tokens.problem(other, alice).orElseThrow(), "another node's (or a restarted node's) token");
    }

    @Test
    void wireProfilesKeepNameSizeBitrateAndRate() {
        VideoProfile p240 = VideoProfile.livepeer("P240p30fps16x9").orElseThrow();
        dev.streamflow.protocol.net.VideoProfile wire = WireProfiles.toWire(p240);
        assertEquals(600_000, wire.getBitrate());
        assertEquals(p240, WireProfiles.fromWire(wire));
        assertEquals(120, WireProfiles.fromWire(wire.toBuilder().setFps(0).build()).fps(), "passthrough keeps the source rate");
        IllegalArgumentException mp4 = assertThrows(IllegalArgumentException.class,
                () -> WireProfiles.fromWire(wire.toBuilder().setFormat(dev.streamflow.protocol.net.VideoProfile.Format.MP4).build()));
        assertTrue(mp4.getMessage().contains("MPEG-TS only"));
        assertThrows(IllegalArgumentException.class, () -> WireProfiles.fromWire(wire.toBuilder().setFpsDen(1001).build()));
        assertThrows(IllegalArgumentException.class, () -> WireProfiles.fromWire(wire.toBuilder().setName("").build()));
    }

    @Test
    void priceIsSentAsAReducedFraction() {
        assertEquals(3, Offers.reduced(6, 4).getPricePerUnit());
        assertEquals(2, Offers.reduced(6, 4).getPixelsPerUnit());
        assertEquals(1, Offers.reduced(0, 1000).getPixelsPerUnit());
    }

    @Test
    void flags() {
        BridgeConfig config = BridgeMain.parse(new String[]{"--port", "9000", "--http", "--price-per-unit", "5", "--pixels-per-unit", "10",
                "--max-sessions", "3", "--service-uri", "https://o.example:9000/", "--data", "/tmp/x"});
        assertEquals(9000, config.port());
        assertTrue(config.cleartext());
        assertEquals(5, config.pricePerUnit());
        assertEquals(10, config.pixelsPerUnit());
        assertEquals(3, config.maxSessions());
        assertEquals("https://o.example:9000", config.serviceUri().orElseThrow().toString());
        assertFalse(config.echo(), "echo is never on unless asked for");
        assertEquals(BridgeConfig.DEFAULT_PORT, BridgeMain.parse(new String[0]).port());
        assertThrows(IllegalArgumentException.class, () -> BridgeMain.parse(new String[]{"--port"}));
        assertThrows(IllegalArgumentException.class, () -> BridgeMain.parse(new String[]{"--pixels-per-unit", "0"}));
        assertThrows(IllegalArgumentException.class, () -> BridgeMain.parse(new String[]{"--service-uri", "https://o.example/path"}));
        assertThrows(IllegalArgumentException.class, () -> BridgeMain.parse(new String[]{"--bogus"}));
    }

    private static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void paymentFlags() {
        assertTrue(BridgeMain.parseAll(new String[0]).onchain().isEmpty(), "off-chain by default");
        BridgeMain.Parsed parsed = BridgeMain.parseAll(new String[]{"--pm", "onchain", "--eth-url", "http://127.0.0.1:8545",
                "--controller", "0xD8E8328501E9645d16Cf49539efC04f734606ee4", "--keystore", "k.json", "--password-file", "pw",
                "--ticket-ev", "1000", "--max-face-value", "5000", "--port", "9001"});
        OnchainOptions onchain = parsed.onchain().orElseThrow();
        assertEquals(9001, parsed.config().port());
        assertEquals("http://127.0.0.1:8545", onchain.ethUrl());
        assertEquals(java.math.BigInteger.valueOf(1000), onchain.ticketEV());
        assertEquals(java.math.BigInteger.valueOf(5000), onchain.maxFaceValue());
        assertEquals(java.nio.file.Path.of("k.json"), onchain.keystore());
        assertThrows(IllegalArgumentException.class, () -> BridgeMain.parseAll(new String[]{"--pm", "onchain", "--eth-url", "http://x"}));
        assertThrows(IllegalArgumentException.class, () -> BridgeMain.parseAll(new String[]{"--eth-url", "http://x"}));
        assertThrows(IllegalArgumentException.class, () -> BridgeMain.parseAll(new String[]{"--pm", "maybe"}));
    }
}
