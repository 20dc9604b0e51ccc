package dev.streamflow.core.dispatch;

import com.google.protobuf.ByteString;
import dev.streamflow.bridge.engine.VideoProfile;
import dev.streamflow.core.discovery.Offer;
import dev.streamflow.core.ingest.StreamKey;
import dev.streamflow.pm.money.Fraction;
import dev.streamflow.protocol.net.AuthToken;
import dev.streamflow.protocol.net.Capabilities;
import dev.streamflow.protocol.net.OrchestratorInfo;
import dev.streamflow.protocol.net.PriceInfo;
import dev.streamflow.protocol.wire.Capability;
import dev.streamflow.protocol.wire.CapabilitySet;
import dev.streamflow.protocol.wire.WireCapabilities;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SelectorTest {
    private static final StreamKey STREAM = new StreamKey("live", "s");
    private static final Capabilities JOB = WireLadder.capabilities(List.of(VideoProfile.livepeer("P144p30fps16x9").orElseThrow()));
    private static final Capabilities TRANSCODER = WireCapabilities.toProto(
            CapabilitySet.of(Capability.H264, Capability.MPEGTS, Capability.STORAGE_DIRECT, Capability.AUTH_TOKEN),
            CapabilitySet.of(Capability.AUTH_TOKEN), Map.of(), "0.1.0");
    private static final Duration SEGMENT = Duration.ofSeconds(2);

    private final TestClock clock = new TestClock();
    private final Suspensions suspensions = new Suspensions(Duration.ofSeconds(5), Duration.ofMinutes(5), clock);
    private final Selector selector = new Selector(suspensions, Duration.ofMillis(800), clock);

    private final Offer fast = offer("fast", 10, 1, 1, TRANSCODER);
    private final Offer slow = offer("slow", 40, 1, 1, TRANSCODER);
    private final Offer pricey = offer("pricey", 5, 1500, 1, TRANSCODER);
    private final Offer audioOnly = offer("odd", 1, 1, 1, WireCapabilities.toProto(CapabilitySet.of(Capability.AUTH_TOKEN),
            CapabilitySet.of(Capability.AUTH_TOKEN), Map.of(), "0.1.0"));

    @Test
    void unknownOrchestratorsGoInDiscoveryOrderAndOnlyCompatibleAffordableOnesAreChosen() {
        Selection limited = selection(Optional.of(Fraction.of(1000, 1)), Set.of());
        assertEquals(List.of(fast, slow), selector.choose(List.of(slow, audioOnly, pricey, fast), limited, 5));
        assertEquals(List.of(pricey, fast, slow), selector.choose(List.of(slow, pricey, fast), selection(Optional.empty(), Set.of()), 5),
                "without a limit the fastest GetOrchestrator comes first");
        assertEquals(List.of(slow), selector.choose(List.of(slow, fast), selection(Optional.empty(), Set.of(fast.uri())), 5),
                "an orchestrator already tried for this segment is not chosen again");
    }

    @Test
    void exactFractionsDecideThePriceLimit() {
        Offer third = offer("third", 1, 1000, 3, TRANSCODER); // 333.33… wei per pixel
        assertEquals(List.of(third), selector.choose(List.of(third), selection(Optional.of(Fraction.of(1000, 3)), Set.of()), 1));
        assertEquals(List.of(), selector.choose(List.of(third), selection(Optional.of(Fraction.of(333, 1)), Set.of()), 1));
    }

    @Test
    void aWorkingOrchestratorIsKeptAndAFailedOneIsLeftAloneForItsWholePenalty() {
        selector.succeeded(slow.uri(), STREAM, Duration.ofMillis(400));
        assertEquals(slow, first(), "sticks with the orchestrator that worked, though another answered discovery faster");

        selector.failed(slow.uri(), "connection refused");
        assertEquals(List.of(fast), selector.choose(List.of(slow, fast), selection(Optional.empty(), Set.of()), 5));
        clock.advance(Duration.ofSeconds(4));
        assertEquals(fast, first());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(List.of(fast, slow), selector.choose(List.of(slow, fast), selection(Optional.empty(), Set.of()), 5),
                "back after 5 s, but behind the one with a clean record");

        selector.failed(slow.uri(), "again");
        clock.advance(Duration.ofSeconds(9));
        assertEquals(List.of(fast), selector.choose(List.of(slow, fast), selection(Optional.empty(), Set.of()), 5), "10 s the second time");
    }

    @Test
    void knownFastBeatsUnknownAndUnknownBeatsKnownSlow() {
        selector.succeeded(slow.uri(), new StreamKey("live", "other"), Duration.ofMillis(300));
        assertEquals(slow, first(), "a known latency score under 1 wins over an unknown");
        selector.outrun(slow.uri(), Duration.ofSeconds(9));
        selector.outrun(slow.uri(), Duration.ofSeconds(9));
        assertEquals(fast, first(), "an orchestrator that keeps losing races becomes known-slow");
    }

    @Test
    void anOrchestratorHoldingASegmentPastItsHedgeDelayGoesLast() {
        selector.succeeded(slow.uri(), STREAM, Duration.ofMillis(200));
        Object attempt = new Object();
        selector.started(slow.uri(), attempt);
        clock.advance(Duration.ofMillis(900));
        assertEquals(slow, first(), "within 800 ms + its usual 200 ms it is still trusted");
        clock.advance(Duration.ofMillis(200));
        assertEquals(fast, first(), "it may be frozen: the next segment goes elsewhere");
        selector.finished(slow.uri(), attempt);
        assertEquals(slow, first());
        assertEquals(Duration.ofMillis(1000), selector.hedgeDelay(slow.uri()));
        assertEquals(Duration.ofMillis(800), selector.hedgeDelay(fast.uri()));
    }

    private Offer first() {
        return selector.choose(List.of(slow, fast), selection(Optional.empty(), Set.of()), 1).get(0);
    }

    private static Selection selection(Optional<Fraction> maxPrice, Set<URI> exclude) {
        return new Selection(STREAM, JOB, maxPrice, exclude, SEGMENT);
    }

    private static Offer offer(String host, long roundTripMillis, long pricePerUnit, long pixelsPerUnit, Capabilities capabilities) {
        OrchestratorInfo info = OrchestratorInfo.newBuilder()
                .setTranscoder("https://" + host + ":8935")
                .setPriceInfo(PriceInfo.newBuilder().setPricePerUnit(pricePerUnit).setPixelsPerUnit(pixelsPerUnit))
                .setCapabilities(capabilities)
                .setAuthToken(AuthToken.newBuilder().setSessionId("abcd0123").setToken(ByteString.copyFromUtf8("t")))
                .build();
        return new Offer(URI.create("https://" + host + ":8935"), info, Duration.ofMillis(roundTripMillis), java.time.Instant.EPOCH);
    }
}
