package dev.streamflow.sample.e2e;

import ch.qos.logback.classic.Level;
import dev.streamflow.bridge.testing.TestMedia;
import dev.streamflow.sample.testing.HlsChecks;
import dev.streamflow.sample.testing.LogCapture;
import dev.streamflow.sample.testing.PacketCopyPublisher;
import dev.streamflow.sample.testing.PipelineServer;
import dev.streamflow.sample.testing.Poll;
import dev.streamflow.sample.testing.Red5Timing;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real RTMP publish through embedded Red5 and the Streamflow pipeline into HLS, every segment transcoded by the
 * sample's default in-process bridge over the orchestrator protocol (GetOrchestrator, signed upload, download,
 * result signature and verification).
 */
@Tag("e2e")
class PipelineEndToEndTest {

    @Test
    void aPublishBecomesAValidLadderWithinFifteenSecondsTranscodedByTheBridge(@TempDir Path data) throws Exception {
        Path clip = TestMedia.flv(TestMedia.Spec.pattern(640, 360, 30, 12.0));
        try (LogCapture logs = new LogCapture();
             PipelineServer server = PipelineServer.start(data)) {
            assertEquals(List.of("INFO no --orchestrators: using an in-process bridge at " + server.bridge().uri()),
                    logs.lines(Level.INFO, "in-process bridge"));
            assertTrue(server.bridge().uri().toString().matches("https://127\\.0\\.0\\.1:\\d+"), server.bridge().uri().toString());
            Path stream = server.streamDir("e2e");
            var publish = new PacketCopyPublisher(clip, server.rtmpUrl("e2e")).start();

            Poll.until(Duration.ofSeconds(15), "the master and every media playlist exist", () -> HlsChecks.complete(stream, 1));
            assertEquals(2, HlsChecks.mediaPlaylists(stream).size(), "one variant per rung of the ladder");

            publish.get(30, TimeUnit.SECONDS);
            Poll.until(Red5Timing.NOTICES_DISCONNECT, "every media playlist ends", () -> HlsChecks.ended(stream));
            HlsChecks.assertHlsRules(stream);
            HlsChecks.assertSegmentsDecode(stream);

            long published = HlsChecks.mediaPlaylists(stream).stream().mapToLong(HlsChecks::newestSequence).min().orElseThrow() + 1;
            assertTrue(published >= 5, published + " segments published");
            assertTrue(server.bridge().segmentsTranscoded() >= published,
                    "the bridge transcoded " + server.bridge().segmentsTranscoded() + " of " + published + " segments");
            assertEquals(List.of(), logs.lines(Level.WARN, "transcoding locally"), "no segment fell back to the local engine");
        }
    }
}
