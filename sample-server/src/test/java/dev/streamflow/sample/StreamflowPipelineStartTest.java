package dev.streamflow.sample;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Starting the real plugin the way Main does. */
class StreamflowPipelineStartTest {

    @Test
    void hlsGoesUnderTheDataDirectoryUnlessTheConfigSaysOtherwise(@TempDir Path dir) throws Exception {
        try (StreamflowPipeline pipeline = StreamflowPipeline.start(Optional.empty(), Map.of(), dir.resolve("data/hls"))) {
            assertEquals(dir.resolve("data/hls").toAbsolutePath(), pipeline.hlsDirectory());
        }
        Path conf = dir.resolve("streamflow.conf");
        Files.writeString(conf, "streamflow.hls.directory = \"" + dir.resolve("elsewhere") + "\"\n");
        try (StreamflowPipeline pipeline = StreamflowPipeline.start(Optional.of(conf), Map.of(), dir.resolve("data/hls"))) {
            assertEquals(dir.resolve("elsewhere").toAbsolutePath(), pipeline.hlsDirectory());
        }
    }

    @Test
    void aMissingConfigFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("nope.conf");
        var e = assertThrows(IllegalArgumentException.class,
                () -> StreamflowPipeline.start(Optional.of(missing), Map.of(), dir.resolve("hls")));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void mainPrintsWhereToPublishAndWhereToWatch(@TempDir Path dir) throws Exception {
        var out = new ByteArrayOutputStream();
        Options options = new Options(false, "127.0.0.1", 0, 0, dir, Optional.empty(), false);
        try (SampleServer server = Main.startAndReport(options, new PrintStream(out, true, StandardCharsets.UTF_8))) {
            String printed = out.toString(StandardCharsets.UTF_8);
            assertTrue(printed.contains("Publish: rtmp://127.0.0.1:" + server.rtmpPort() + "/live/<stream-name>"), printed);
            assertTrue(printed.contains("Player:  http://127.0.0.1:" + server.httpPort() + "/player/live/<stream-name>"), printed);
            assertTrue(Pattern.compile("Streams: http://127\\.0\\.0\\.1:\\d+/").matcher(printed).find(), printed);
        }
    }
}
