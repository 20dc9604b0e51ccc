package dev.streamflow.core.channel;

import dev.streamflow.bridge.engine.EncoderChoice;
import dev.streamflow.bridge.engine.Rendition;
import dev.streamflow.bridge.engine.TranscodeEngine;
import dev.streamflow.bridge.engine.TranscodeException;
import dev.streamflow.bridge.engine.VideoProfile;
import dev.streamflow.bridge.testing.TestMedia;
import dev.streamflow.core.hls.DirectorySegmentStore;
import dev.streamflow.core.hls.HlsPublisher;
import dev.streamflow.core.hls.HlsSettings;
import dev.streamflow.core.ingest.MediaPacket;
import dev.streamflow.core.ingest.StreamKey;
import dev.streamflow.core.segment.Segment;
import dev.streamflow.core.segment.Segmenter;
import dev.streamflow.core.segment.SegmenterSettings;
import dev.streamflow.core.testing.FilePackets;
import dev.streamflow.core.testing.HlsRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real segments and real renditions, completed in an order the test chooses. */
class OrderedPublicationTest {
    private static final StreamKey STREAM = new StreamKey("live", "ordered");
    private static final List<VideoProfile> LADDER = List.of(new VideoProfile("240p", 426, 240, 30, 400));
    private static final List<Segment> segments = new ArrayList<>();
    private static final List<List<Rendition>> renditions = new ArrayList<>();

    @BeforeAll
    static void transcodeFourSegments() throws Exception {
        Path clip = TestMedia.flv(TestMedia.Spec.pattern(426, 240, 30, 8.0));
        try (Segmenter segmenter = new Segmenter(STREAM, SegmenterSettings.DEFAULTS, Clock.systemUTC(), segments::add)) {
            for (MediaPacket p : FilePackets.read(clip)) {
                segmenter.accept(p);
            }
            segmenter.finish();
        }
        TranscodeEngine engine = new TranscodeEngine(EncoderChoice.detect());
        for (Segment s : segments) {
            renditions.add(engine.transcode(s.ts(), LADDER));
        }
        assertEquals(4, segments.size());
    }

    private static OrderedPublication publication(Path root) {
        var publisher = new HlsPublisher(STREAM, LADDER, new DirectorySegmentStore(root), HlsSettings.defaults());
        return new OrderedPublication(publisher, STREAM.toString());
    }

    private static Path playlist(Path root) {
        return root.resolve("live/ordered/240p/index.m3u8");
    }

    @Test
    void segmentsFinishingInReverseArePublishedInSequence(@TempDir Path root) throws Exception {
        OrderedPublication publication = publication(root);
        List<CompletableFuture<List<Rendition>>> futures = new ArrayList<>();
        for (Segment s : segments) {
            CompletableFuture<List<Rendition>> f = new CompletableFuture<>();
            futures.add(f);
            publication.submit(s, f);
        }
        for (int i = 3; i >= 1; i--) {
            futures.get(i).complete(renditions.get(i));
            assertFalse(Files.exists(playlist(root)), "nothing may be published before segment 0");
        }
        futures.get(0).complete(renditions.get(0));
        assertEquals(4, publication.published());
        publication.end();

        HlsRules.Summary summary = HlsRules.assertValid(root.resolve("live/ordered"));
        assertEquals(List.of("0.ts", "1.ts", "2.ts", "3.ts"), summary.segmentUris());
        assertTrue(summary.ended());
        assertTrue(summary.discontinuities().isEmpty());
    }

    @Test
    void aFailedOrLateSegmentBecomesADiscontinuityAndTheLineMovesOn(@TempDir Path root) throws Exception {
        OrderedPublication publication = publication(root);
        List<CompletableFuture<List<Rendition>>> futures = new ArrayList<>();
        for (Segment s : segments) {
            CompletableFuture<List<Rendition>> f = new CompletableFuture<>();
            futures.add(f);
            publication.submit(s, f);
        }
        futures.get(0).complete(renditions.get(0));
        futures.get(2).complete(renditions.get(2));
        futures.get(1).completeExceptionally(new TimeoutException());
        futures.get(3).completeExceptionally(new TranscodeException("engine gave up"));
        publication.end();

        assertEquals(2, publication.published());
        assertEquals(2, publication.gaps());
        HlsRules.Summary summary = HlsRules.assertValid(root.resolve("live/ordered"));
        assertEquals(List.of("0.ts", "2.ts"), summary.segmentUris());
        assertEquals(1, summary.discontinuities().size(), "the HLS marks the break where segment 1 is missing");
        assertTrue(summary.ended(), "the end waits for the failed tail and is still written");
    }

    @Test
    void theEndWaitsForSegmentsStillInFlight(@TempDir Path root) throws Exception {
        OrderedPublication publication = publication(root);
        CompletableFuture<List<Rendition>> inFlight = new CompletableFuture<>();
        publication.submit(segments.get(0), inFlight);
        publication.end();
        assertFalse(Files.exists(playlist(root)));
        inFlight.complete(renditions.get(0));
        HlsRules.Summary summary = HlsRules.assertValid(root.resolve("live/ordered"));
        assertEquals(List.of("0.ts"), summary.segmentUris());
        assertTrue(summary.ended());
    }
}
