package dev.streamflow.core.dispatch;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.google.protobuf.ByteString;
import dev.streamflow.bridge.engine.VideoProfile;
import dev.streamflow.core.config.Settings;
import dev.streamflow.core.config.StreamflowConfig;
import dev.streamflow.core.discovery.Offer;
import dev.streamflow.core.ingest.StreamKey;
import dev.streamflow.protocol.net.AuthToken;
import dev.streamflow.protocol.net.Capabilities;
import dev.streamflow.protocol.net.OrchestratorInfo;
import dev.streamflow.protocol.net.PriceInfo;
import dev.streamflow.protocol.wire.Capability;
import dev.streamflow.protocol.wire.CapabilitySet;
import dev.streamflow.protocol.wire.WireCapabilities;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Verification faults exclude an orchestrator from the stream they were earned on after
 * {@code streamflow.verification.exclude-after} of them; transport failures only ever suspend.
 */
class ExclusionsTest {
    private static final StreamKey STREAM = new StreamKey("live", "s");
    private static final StreamKey OTHER = new StreamKey("live", "other");
    private static final Capabilities JOB = WireLadder.capabilities(List.of(VideoProfile.livepeer("P144p30fps16x9").orElseThrow()));
    private static final Capabilities TRANSCODER = WireCapabilities.toProto(
            CapabilitySet.of(Capability.H264, Capability.MPEGTS, Capability.STORAGE_DIRECT, Capability.AUTH_TOKEN),
            CapabilitySet.of(Capability.AUTH_TOKEN), Map.of(), "0.1.0");
    private static final Duration PAST_MAX_SUSPENSION = Duration.ofMinutes(6);

    private final TestClock clock = new TestClock();
    private final Selector selector = new Selector(new Suspensions(Duration.ofSeconds(5), Duration.ofMinutes(5), clock),
            new Exclusions(3), Duration.ofMillis(800), clock);
    private final Offer cheat = offer("cheat", 10);
    private final Offer honest = offer("honest", 40);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger selectorLog = (Logger) LoggerFactory.getLogger(Selector.class);

    @BeforeEach
    void captureLogs() {
        logs.start();
        selectorLog.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        selectorLog.detachAppender(logs);
    }

    @Test
    void theThirdFaultExcludesItFromThatStreamOnceAndForTheRestOfIt() {
        for (int fault = 1; fault <= 2; fault++) {
            selector.faulted(cheat.uri(), STREAM, "REJECTED by content");
            assertEquals(List.of(honest), choose(STREAM), "suspended after fault " + fault);
            clock.advance(PAST_MAX_SUSPENSION);
            assertTrue(choose(STREAM).contains(cheat), "only suspended after fault " + fault);
        }
        selector.faulted(cheat.uri(), STREAM, "REJECTED by content");
        clock.advance(PAST_MAX_SUSPENSION);
        assertEquals(List.of(honest), choose(STREAM));
        assertTrue(selector.excluded(STREAM, cheat.uri()));
        selector.succeeded(cheat.uri(), OTHER, Duration.ofMillis(200));
        assertEquals(List.of(honest), choose(STREAM), "good work elsewhere does not bring it back to this stream");
        assertEquals(List.of(cheat, honest), choose(OTHER), "other streams still use it");

        selector.faulted(cheat.uri(), STREAM, "REJECTED by content");
        List<String> exclusions = messages("excluded from stream");
        assertEquals(1, exclusions.size(), "said once: " + exclusions);
        assertTrue(exclusions.get(0).contains(cheat.uri().toString()) && exclusions.get(0).contains("live/s"), exclusions.get(0));
    }

    @Test
    void transportFailuresOnlySuspend() {
        for (int i = 0; i < 10; i++) {
            selector.failed(cheat.uri(), "connection refused");
            clock.advance(PAST_MAX_SUSPENSION);
        }
        assertEquals(List.of(honest, cheat), choose(STREAM), "back once suspended long enough, behind the clean record");
        assertFalse(selector.excluded(STREAM, cheat.uri()));
        assertTrue(messages("excluded").isEmpty());
    }

    @Test
    void faultsAddUpAcrossGoodResultsInBetween() {
        selector.faulted(cheat.uri(), STREAM, "REJECTED by black");
        selector.succeeded(cheat.uri(), STREAM, Duration.ofMillis(200));
        selector.faulted(cheat.uri(), STREAM, "REJECTED by black");
        selector.succeeded(cheat.uri(), STREAM, Duration.ofMillis(200));
        assertTrue(choose(STREAM).contains(cheat), "a success lifts the suspension");
        selector.faulted(cheat.uri(), STREAM, "REJECTED by black");
        clock.advance(PAST_MAX_SUSPENSION);
        assertEquals(List.of(honest), choose(STREAM), "a cheat that is honest in between still goes");
    }

    @Test
    void aNewStreamUnderTheSameKeyStartsAfresh() {
        for (int i = 0; i < 3; i++) {
            selector.faulted(cheat.uri(), STREAM, "REJECTED by resolution");
        }
        clock.advance(PAST_MAX_SUSPENSION);
        assertEquals(List.of(honest), choose(STREAM));
        selector.streamStarted(STREAM);
        assertTrue(choose(STREAM).contains(cheat));
    }

    @Test
    void theLimitComesFromTheConfigurationAndDefaultsToThree() {
        assertEquals(3, Settings.from(StreamflowConfig.load(Optional.empty(), Map.of())).excludeAfter());
        assertEquals(1, Settings.from(StreamflowConfig.load(Optional.empty(), Map.of("streamflow.verification.exclude-after", 1)))
                .excludeAfter());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> Settings.from(StreamflowConfig.load(Optional.empty(), Map.of("streamflow.verification.exclude-after", 0))));
        assertTrue(zero.getMessage().contains("streamflow.verification.exclude-after"), zero.getMessage());
    }

    private List<Offer> choose(StreamKey stream) {
        return selector.choose(List.of(cheat, honest), new Selection(stream, JOB, Optional.empty(), Set.of(), Duration.ofSeconds(2)), 2);
    }

    private List<String> messages(String containing) {
        return logs.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains(containing)).toList();
    }

    private static Offer offer(String host, long roundTripMillis) {
        OrchestratorInfo info = OrchestratorInfo.newBuilder()
                .setTranscoder("https://" + host + ":8935")
                .setPriceInfo(PriceInfo.newBuilder().setPricePerUnit(1).setPixelsPerUnit(1))
                .setCapabilities(TRANSCODER)
                .setAuthToken(AuthToken.newBuilder().setSessionId("abcd0123").setToken(ByteString.copyFromUtf8("t")))
                .build();
        return new Offer(URI.create("https://" + host + ":8935"), info, Duration.ofMillis(roundTripMillis), Instant.EPOCH);
    }
}
