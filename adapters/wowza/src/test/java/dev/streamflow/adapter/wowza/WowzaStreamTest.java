package dev.streamflow.adapter.wowza;

import dev.streamflow.bridge.testing.TestMedia;
import dev.streamflow.core.Streamflow;
import dev.streamflow.core.testing.FlvFile;
import dev.streamflow.core.testing.HlsRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** What the Wowza module does with a publish, minus Wowza: live packets of a real stream in, valid HLS out. */
class WowzaStreamTest {
    @TempDir
    Path dir;

    @Test
    void aPublishedStreamBecomesValidHlsAndTheServersAppsShareOneRuntime() throws Exception {
        Path config = dir.resolve("streamflow.conf");
        Files.writeString(config, "streamflow { hls.directory = \"" + dir.resolve("hls") + "\", ladder = [ \"P144p30fps16x9\" ] }\n");
        Streamflow first = WowzaRuntime.acquire(config);
        try {
            assertSame(first, WowzaRuntime.acquire(config), "a second application instance shares it");
            WowzaRuntime.release();
            WowzaStream stream = WowzaStream.open(first.ingest(), "live", "cam1").orElseThrow();
            for (FlvFile.Tag tag : FlvFile.read(TestMedia.flv(TestMedia.Spec.pattern(320, 180, 30, 6.0))).tags()) {
                stream.packet(tag.type(), tag.timestamp(), tag.body());
            }
            stream.close();

            HlsRules.Summary hls = awaitEnded(dir.resolve("hls/live/cam1"));
            assertEquals(List.of("P144p30fps16x9"), hls.renditions());
            assertEquals(3, hls.segmentCount());
        } finally {
            WowzaRuntime.release();
        }
        assertFalse(WowzaRuntime.running());
    }

    @Test
    void aMalformedPacketEndsOnlyTheTranscodingOfItsStream() throws Exception {
        Files.writeString(dir.resolve("streamflow.conf"), "streamflow.hls.directory = \"" + dir.resolve("hls") + "\"\n");
        Streamflow streamflow = WowzaRuntime.acquire(dir.resolve("streamflow.conf"));
        try {
            WowzaStream stream = WowzaStream.open(streamflow.ingest(), "live", "broken").orElseThrow();
            stream.packet(WowzaPackets.VIDEO, 0, new byte[]{0x17, 1});
            stream.packet(WowzaPackets.VIDEO, 40, new byte[]{0x17, 1, 0, 0, 0, 0, 0, 0, 1, 0x65});

            assertTrue(streamflow.streams().live().isEmpty(), "closed after the first bad packet, later ones ignored");
            assertTrue(WowzaStream.open(streamflow.ingest(), "live", "../x").isEmpty());
        } finally {
            WowzaRuntime.release();
        }
    }

    private static HlsRules.Summary awaitEnded(Path stream) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        AssertionError last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                HlsRules.Summary summary = HlsRules.assertValid(stream);
                if (summary.ended()) {
                    return summary;
                }
            } catch (AssertionError e) {
                last = e;
            }
            Thread.sleep(100);
        }
        fail("no ended HLS in " + stream + (last == null ? "" : ": " + last.getMessage()));
        return null;
    }
}
