package dev.streamflow.sample.http;

import dev.streamflow.sample.testing.BrowserCheck;
import dev.streamflow.sample.testing.LiveHlsFixture;
import dev.streamflow.sample.testing.Poll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The player page, hls.js and the HTTP side in a real browser, on a live ladder written by ffmpeg (the
 * pipeline's own output is played in the end-to-end browser test).
 */
@Tag("browser")
class PlayerPageBrowserTest {

    @Test
    void playsALiveLadderAndReachesEveryRendition(@TempDir Path hls) throws Exception {
        BrowserCheck.assumeAvailable();
        assertTrue(Assets.hasHlsJs(), "hls.js must be in the build for the browser test (npm ci, then rebuild)");
        Path stream = hls.resolve("live/fixture");
        try (LiveHlsFixture ffmpeg = LiveHlsFixture.start(stream, 60);
             WebServer web = WebServer.start("127.0.0.1", 0, hls, List::of, "")) {
            Poll.until(Duration.ofSeconds(30), "three segments in each rendition", () ->
                    segments(stream.resolve("v360p/index.m3u8")) >= 3 && segments(stream.resolve("v240p/index.m3u8")) >= 3);

            BrowserCheck.Result result = BrowserCheck.play(web.baseUrl() + "/player/live/fixture",
                    "--seconds", "12", "--min-advance", "8");

            System.out.println(result.json());
            assertEquals(0, result.exitCode(), "play.mjs verdict:\n" + result.json() + "\n" + result.stderr());
            assertTrue(result.json().contains("\"pass\": true"));
        }
    }

    @Test
    void theCheckFailsWhenNothingPlays(@TempDir Path hls) throws Exception {
        BrowserCheck.assumeAvailable();
        try (WebServer web = WebServer.start("127.0.0.1", 0, hls, List::of, "")) {
            BrowserCheck.Result result = BrowserCheck.play(web.baseUrl() + "/player/live/absent", "--start-timeout", "4");

            assertEquals(1, result.exitCode(), result.json());
            assertTrue(result.json().contains("timed out after 4 s waiting for the master playlist to be parsed"), result.json());
        }
    }

    private static long segments(Path playlist) {
        try {
            return Files.readAllLines(playlist).stream().filter(l -> l.startsWith("#EXTINF")).count();
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
