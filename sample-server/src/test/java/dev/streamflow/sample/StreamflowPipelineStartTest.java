package dev.streamflow.sample;

import ch.qos.logback.classic.Level;
import dev.streamflow.sample.testing.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Starting the real plugin the way Main does, with or without its in-process bridge. */
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
    void mainPrintsWhereToPublishAndWhereToWatchAndStopsItsBridgeOnClose(@TempDir Path dir) throws Exception {
        var out = new ByteArrayOutputStream();
        Options options = new Options(false, "127.0.0.1", 0, 0, dir, Optional.empty(), List.of(), false, false);
        int bridgePort;
        try (LogCapture logs = new LogCapture();
             SampleServer server = Main.startAndReport(options, new PrintStream(out, true, StandardCharsets.UTF_8))) {
            String printed = out.toString(StandardCharsets.UTF_8);
            assertTrue(printed.contains("Publish: rtmp://127.0.0.1:" + server.rtmpPort() + "/live/<stream-name>"), printed);
            assertTrue(printed.contains("Player:  http://127.0.0.1:" + server.httpPort() + "/player/live/<stream-name>"), printed);
            assertTrue(Pattern.compile("Streams: http://127\\.0\\.0\\.1:\\d+/").matcher(printed).find(), printed);

            List<String> bridge = logs.lines(Level.INFO, "in-process bridge");
            Matcher m = Pattern.compile("INFO no --orchestrators: using an in-process bridge at https://127\\.0\\.0\\.1:(\\d+)")
                    .matcher(bridge.size() == 1 ? bridge.get(0) : "");
            assertTrue(m.matches(), bridge.toString());
            bridgePort = Integer.parseInt(m.group(1));
            assertTrue(Files.isRegularFile(dir.resolve("bridge/node-key")), "the bridge keeps its key under <data>/bridge");
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), bridgePort)) {
                // the bridge is listening
            }
        }
        assertThrows(ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), bridgePort).close(),
                "the bridge is stopped with the server");
    }

    @Test
    void noBridgeWhenOrchestratorsAreNamedOrNoBridgeIsAsked(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("streamflow.conf");
        Files.writeString(conf, "streamflow.orchestrators = [\"https://127.0.0.1:9\"]\n");
        Options given = new Options(false, "127.0.0.1", 0, 0, dir, Optional.empty(), List.of(URI.create("https://127.0.0.1:9")), false, false);
        Options admin = new Options(false, "127.0.0.1", 0, 0, dir, Optional.of(conf), List.of(), false, false);
        Options noBridge = new Options(false, "127.0.0.1", 0, 0, dir, Optional.of(conf), List.of(), true, false);

        assertEquals(1, remoteStarts(given), "--orchestrators are used");
        assertEquals(1, remoteStarts(admin), "the admin's orchestrators are used");
        assertEquals(0, remoteStarts(noBridge), "--no-bridge: the local engine only, whatever the admin's file names");
        assertFalse(Files.exists(dir.resolve("bridge")), "no bridge was started");
    }

    /** How often the plugin started its remote side (it logs its broadcaster address then). */
    private static int remoteStarts(Options options) throws Exception {
        try (LogCapture logs = new LogCapture();
             StreamflowPipeline pipeline = SamplePipeline.start(options, Map.of())) {
            assertTrue(pipeline.bridge().isEmpty());
            pipeline.ingest(); // the plugin wires its dispatch, remote side included, when the host first asks for this
            return logs.lines(Level.INFO, "broadcaster address").size();
        }
    }
}
