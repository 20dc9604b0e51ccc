package dev.streamflow.core.config;

import dev.streamflow.bridge.engine.VideoProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsTest {

    @Test
    void defaultsGiveTheDocumentedLadderAndTimings() {
        Settings s = Settings.from(StreamflowConfig.load(Optional.empty(), Map.of()));
        assertEquals(VideoProfile.DEFAULT_LADDER, s.ladder());
        assertEquals(Duration.ofSeconds(2), s.segmentTarget());
        assertEquals(Duration.ofSeconds(10), s.segmentMaxDuration());
        assertEquals(6, s.hlsWindow());
        assertEquals(Path.of("data/hls"), s.hlsDirectory());
    }

    @Test
    void adminFileOverridesDefaultsAndAcceptsLivepeerNames(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("streamflow.conf");
        Files.writeString(file, """
                streamflow {
                  hls.window = 8
                  ladder = [ "P360p30fps16x9", { name = low, width = 256, height = 144, fps = 15, bitrate = 0.2M } ]
                }
                """);
        Settings s = Settings.from(StreamflowConfig.load(Optional.of(file), Map.of()));
        assertEquals(8, s.hlsWindow());
        assertEquals(List.of(new VideoProfile("P360p30fps16x9", 640, 360, 30, 1200),
                new VideoProfile("low", 256, 144, 15, 200)), s.ladder());
    }

    @Test
    void overridesWinOverTheAdminFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("streamflow.conf");
        Files.writeString(file, "streamflow.hls.directory = /srv/hls\n");
        Settings s = Settings.from(StreamflowConfig.load(Optional.of(file), Map.of("streamflow.hls.directory", "/tmp/x")));
        assertEquals(Path.of("/tmp/x"), s.hlsDirectory());
    }

    @Test
    void badValuesNameTheKey() {
        var e = assertThrows(IllegalArgumentException.class, () -> Settings.from(
                StreamflowConfig.load(Optional.empty(), Map.of("streamflow.hls.window", 3))));
        assertTrue(e.getMessage().contains("streamflow.hls.window"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> Settings.from(
                StreamflowConfig.load(Optional.empty(), Map.of("streamflow.ladder", List.of("P999p")))));
        assertTrue(e.getMessage().contains("streamflow.ladder[0]") && e.getMessage().contains("P999p"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> Settings.from(StreamflowConfig.load(Optional.empty(),
                Map.of("streamflow.ladder", List.of(Map.of("name", "x", "width", 640, "height", 360, "fps", 30, "bitrate", "fast"))))));
        assertTrue(e.getMessage().contains("bitrate 'fast'"), e.getMessage());
    }

    @Test
    void theShippedAdminTemplateParsesAndChangesNothing() {
        Path template = Path.of(System.getProperty("streamflow.root", "..")).resolve("conf/streamflow.conf");
        assertEquals(Settings.from(StreamflowConfig.load(Optional.empty(), Map.of())),
                Settings.from(StreamflowConfig.load(Optional.of(template), Map.of())));
    }

    @Test
    void missingAdminFileIsAClearError() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> StreamflowConfig.load(Optional.of(Path.of("/nonexistent/streamflow.conf")), Map.of()));
        assertTrue(e.getMessage().contains("/nonexistent/streamflow.conf"), e.getMessage());
    }

    @Test
    void bitratesUseDecimalUnits() {
        assertEquals(3000, Settings.kilobitsPerSecond("3000k"));
        assertEquals(3000, Settings.kilobitsPerSecond("3M"));
        assertEquals(800, Settings.kilobitsPerSecond("800000"));
        assertEquals(1600, Settings.kilobitsPerSecond("1600kbps"));
    }
}
