package dev.streamflow.sample.e2e;

import dev.streamflow.bridge.testing.TestMedia;
import dev.streamflow.sample.demo.DemoPublisher;
import dev.streamflow.sample.testing.BrowserCheck;
import dev.streamflow.sample.testing.HlsChecks;
import dev.streamflow.sample.testing.PipelineServer;
import dev.streamflow.sample.testing.Poll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a viewer sees: the pipeline's ladder played by hls.js in Chromium while a publisher feeds it. */
@Tag("browser")
class BrowserPlaybackTest {

    @Test
    void theLadderPlaysAndEveryRenditionIsReachable(@TempDir Path data) throws Exception {
        BrowserCheck.assumeAvailable();
        Path clip = TestMedia.flv(TestMedia.Spec.pattern(640, 360, 30, 10.0));
        try (PipelineServer server = PipelineServer.start(data);
             DemoPublisher publisher = DemoPublisher.start(TestMedia.tools(), clip, server.rtmpUrl("browser"))) {
            Path stream = server.streamDir("browser");
            Poll.until(Duration.ofSeconds(30), "three segments in every rendition", () -> HlsChecks.complete(stream, 3));

            BrowserCheck.Result result = BrowserCheck.play(server.server().playerUrl("browser"),
                    "--seconds", "12", "--min-advance", "8");

            System.out.println(result.json());
            assertEquals(0, result.exitCode(), "play.mjs verdict:\n" + result.json() + "\n" + result.stderr());
        }
    }
}
