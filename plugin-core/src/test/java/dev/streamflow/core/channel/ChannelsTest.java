package dev.streamflow.core.channel;

import dev.streamflow.bridge.engine.VideoProfile;
import dev.streamflow.core.config.ChannelPolicy;
import dev.streamflow.core.config.Settings;
import dev.streamflow.core.config.StreamflowConfig;
import dev.streamflow.core.ingest.StreamKey;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChannelsTest {

    private static Channels channels(Map<String, ?> overrides) {
        return new Channels(Settings.from(StreamflowConfig.load(Optional.empty(), overrides)));
    }

    @Test
    void byDefaultEveryStreamIsTranscodedWithTheGlobalSettings() {
        Optional<ChannelPolicy> policy = channels(Map.of()).policyFor(new StreamKey("any", "thing"));
        assertEquals(VideoProfile.DEFAULT_LADDER, policy.orElseThrow().ladder());
        assertEquals(1, policy.get().dispatch().redundancy());
        assertEquals(10, policy.get().dispatch().deepCheckOneIn());
    }

    @Test
    void theFirstMatchingRuleDecidesAndUnmatchedStreamsPassThrough() {
        Channels channels = channels(Map.of("streamflow.channels", List.of(
                Map.of("app", "live", "streams", "test-*", "enabled", false),
                Map.of("app", "live", "streams", "*", "ladder", List.of("P240p30fps16x9"), "redundancy", 2,
                        "max-price-per-pixel", "1000/3", "verification-rate", 0.5))));

        assertTrue(channels.policyFor(new StreamKey("live", "test-1")).isEmpty(), "disabled by the first rule");
        assertTrue(channels.policyFor(new StreamKey("vod", "show")).isEmpty(), "no rule for app vod");
        ChannelPolicy show = channels.policyFor(new StreamKey("live", "show")).orElseThrow();
        assertEquals(List.of("P240p30fps16x9"), show.ladder().stream().map(VideoProfile::name).toList());
        assertEquals(2, show.dispatch().redundancy());
        assertEquals("1000/3", show.dispatch().maxPricePerPixel().orElseThrow().toString());
        assertEquals(2, show.dispatch().deepCheckOneIn());
    }

    @Test
    void runTimeRulesComeFirstAndReplaceEachOther() {
        Channels channels = channels(Map.of("streamflow.channels", List.of(Map.of("app", "live", "streams", "*"))));
        StreamKey stream = new StreamKey("live", "a1");

        channels.disable("live", "a?");
        assertTrue(channels.policyFor(stream).isEmpty());
        channels.enable("live", "a?");
        assertTrue(channels.policyFor(stream).isPresent());
        assertEquals(2, channels.rules().size(), "enabling the same patterns replaced the disable rule");
        channels.enable("other", "*");
        assertTrue(channels.policyFor(new StreamKey("other", "x")).isPresent());
    }

    @Test
    void badEntriesNameTheirPath() {
        var e = assertThrows(IllegalArgumentException.class, () -> channels(Map.of("streamflow.channels",
                List.of(Map.of("app", "live"), Map.of("app", "live/../x")))));
        assertTrue(e.getMessage().contains("streamflow.channels[1]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> channels(Map.of("streamflow.channels",
                List.of(Map.of("app", "live", "verification-rate", 2)))));
        assertTrue(e.getMessage().contains("verification-rate"), e.getMessage());
    }
}
