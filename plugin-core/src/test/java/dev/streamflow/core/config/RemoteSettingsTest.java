package dev.streamflow.core.config;

import dev.streamflow.pm.money.Fraction;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RemoteSettingsTest {

    @Test
    void byDefaultNothingGoesOutAndTheTimingsAreTheDocumentedOnes() {
        RemoteSettings r = settings(Map.of()).remote();
        assertFalse(r.enabled());
        assertEquals(Optional.empty(), r.maxPricePerPixel());
        assertEquals(Duration.ofMillis(500), r.firstAnswer());
        assertEquals(Duration.ofSeconds(6), r.discoveryCutoff());
        assertEquals(Duration.ofMillis(800), r.hedgeAfter());
        assertEquals(3, r.maxAttempts());
        assertEquals(1, r.redundancy());
    }

    @Test
    void orchestratorAddressesAreReadAsGoLivepeerReadsThem() {
        RemoteSettings r = settings(Map.of("streamflow.orchestrators", List.of("10.0.0.1", "o.example:9000", "http://127.0.0.1:8935/",
                "https://10.0.0.1:8935"))).remote();
        assertEquals(List.of(URI.create("https://10.0.0.1:8935"), URI.create("https://o.example:9000"), URI.create("http://127.0.0.1:8935")),
                r.orchestrators());
        assertTrue(r.enabled());
        var e = assertThrows(IllegalArgumentException.class,
                () -> settings(Map.of("streamflow.orchestrators", List.of("https://ok:1", "https://o/path"))));
        assertTrue(e.getMessage().contains("streamflow.orchestrators[1]"), e.getMessage());
    }

    @Test
    void maxPriceIsAnExactFractionOrAWholeNumberOfWei() {
        assertEquals(Optional.of(Fraction.of(1000, 3)), RemoteSettings.maxPrice("1000/3"));
        assertEquals(Optional.of(Fraction.of(1200, 1)), RemoteSettings.maxPrice(" 1200 "));
        assertEquals(Optional.of(Fraction.of(1, 1)), RemoteSettings.maxPrice("1000/1000"));
        for (String bad : List.of("0.5", "-1", "1/0", "1e9", "abc")) {
            var e = assertThrows(IllegalArgumentException.class, () -> RemoteSettings.maxPrice(bad));
            assertTrue(e.getMessage().contains("streamflow.max-price-per-pixel"), e.getMessage());
        }
    }

    @Test
    void inconsistentDispatchSettingsNameTheirKey() {
        var e = assertThrows(IllegalArgumentException.class, () -> settings(Map.of("streamflow.transcode.redundancy", 4)));
        assertTrue(e.getMessage().contains("streamflow.transcode.redundancy"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> settings(Map.of("streamflow.transcode.hedge-after", "9s")));
        assertTrue(e.getMessage().contains("streamflow.transcode.hedge-after"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> settings(Map.of("streamflow.orchestrator-webhook", "file:///etc/passwd")));
        assertTrue(e.getMessage().contains("streamflow.orchestrator-webhook"), e.getMessage());
    }

    private static Settings settings(Map<String, ?> overrides) {
        return Settings.from(StreamflowConfig.load(Optional.empty(), overrides));
    }
}
