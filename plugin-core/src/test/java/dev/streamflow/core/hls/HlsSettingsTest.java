package dev.streamflow.core.hls;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HlsSettingsTest {

    @Test
    void defaultsToTheSmallestWindowAppleAllows() {
        HlsSettings defaults = HlsSettings.defaults();
        assertEquals(6, defaults.windowSegments());
        assertEquals(7, defaults.retainedAfterWindow());
        assertEquals(128, defaults.audioKbps());
        assertEquals(1, defaults.minTargetDurationSeconds());
        assertEquals(new HlsSettings(8, 128, 1), new HlsSettings(8));
    }

    @Test
    void rejectsValuesOutOfRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new HlsSettings(5));
        assertTrue(e.getMessage().contains("was 5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new HlsSettings(10_001));
        assertThrows(IllegalArgumentException.class, () -> new HlsSettings(6, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> new HlsSettings(6, 128, 0));
    }
}
