package dev.streamflow.sample.e2e;

import dev.streamflow.bridge.testing.TestMedia;
import dev.streamflow.sample.testing.HlsChecks;
import dev.streamflow.sample.testing.PacketCopyPublisher;
import dev.streamflow.sample.testing.PipelineServer;
import dev.streamflow.sample.testing.Poll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A real RTMP publish through embedded Red5 and the Streamflow pipeline into HLS. */
@Tag("e2e")
class PipelineEndToEndTest {

    @Test
    void aPublishBecomesAValidLadderWithinFifteenSeconds(@TempDir Path data) throws Exception {
        Path clip = TestMedia.flv(TestMedia.Spec.pattern(640, 360, 30, 12.0));
        try (PipelineServer server = PipelineServer.start(data)) {
            Path stream = server.streamDir("e2e");
            var publish = new PacketCopyPublisher(clip, server.rtmpUrl("e2e")).start();

            Poll.until(Duration.ofSeconds(15), "the master and every media playlist exist", () -> HlsChecks.complete(stream, 1));
            assertEquals(2, HlsChecks.mediaPlaylists(stream).size(), "one variant per rung of the ladder");

            publish.get(30, TimeUnit.SECONDS);
            Poll.until(Duration.ofSeconds(20), "every media playlist ends", () -> HlsChecks.ended(stream));
            HlsChecks.assertHlsRules(stream);
            HlsChecks.assertSegmentsDecode(stream);
        }
    }
}
