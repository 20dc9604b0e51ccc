package dev.streamflow.core.hls;

import dev.streamflow.bridge.engine.Rendition;
import dev.streamflow.bridge.engine.VideoProfile;
import dev.streamflow.core.media.MediaFixtures;
import dev.streamflow.core.testing.HlsRules;
import io.lindstrom.m3u8.model.MediaPlaylist;
import io.lindstrom.m3u8.model.MediaSegment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.streamflow.core.hls.HlsTree.segmentFiles;
import static dev.streamflow.core.hls.HlsTree.uris;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Media playlists: the live window, retention, timing tags, gaps and discontinuities, the end. */
class HlsPublisherWindowTest {
    private static final List<VideoProfile> PROFILES = Ladder.profiles(800, 400, 200);
    private static Ladder ladder;

    @TempDir
    Path root;
    private HlsTree tree;
    private HlsPublisher publisher;

    @BeforeAll
    static void media() throws Exception {
        ladder = Ladder.get();
    }

    @BeforeEach
    void publisher() {
        tree = new HlsTree(root);
        publisher = new HlsPublisher(Ladder.STREAM, PROFILES, new DirectorySegmentStore(root), HlsSettings.defaults());
    }

    @Test
    void slidesTheWindowAndDeletesSegmentsWindowPlusOneLater() {
        for (int k = 0; k < Ladder.SEGMENTS; k++) {
            publish(k);
            HlsRules.Summary summary = HlsRules.assertValid(tree.streamDir());
            long first = Math.max(0, k - 5);
            String after = "after segment " + k;
            assertEquals(first, summary.mediaSequence(), after);
            assertEquals(uris(first, k), summary.segmentUris(), after);
            assertEquals(Ladder.NAMES, summary.renditions(), after);
            assertEquals(0, summary.discontinuitySequence(), after);
            assertEquals(List.of(), summary.discontinuities(), after);
            assertEquals(2, summary.targetDuration(), after);
            assertFalse(summary.ended(), after);
            for (String rendition : Ladder.NAMES) {
                // the window (6) plus the 7 segments that left it most recently
                assertEquals(segmentFiles(Math.max(0, k - 12), k), tree.files(rendition), after + " in " + rendition);
            }
        }
        tree.assertNoTemporaryFiles();
    }

    @Test
    void tagsEverySegmentWithItsIngestTimeAndDuration() {
        for (int k = 0; k < 8; k++) {
            publish(k);
        }
        for (String rendition : Ladder.NAMES) {
            MediaPlaylist media = tree.media(rendition);
            assertEquals(2, media.mediaSequence());
            for (int i = 0; i < 6; i++) {
                MediaSegment segment = media.mediaSegments().get(i);
                long sequence = 2 + i;
                assertEquals(Ladder.ingestedAt(sequence), segment.programDateTime().orElseThrow().toInstant(), rendition + " " + i);
                assertEquals(ladder.duration((int) sequence) / 90_000.0, segment.duration(), 1e-9);
            }
        }
    }

    @Test
    void writesTheExactPlaylistText() {
        publish(0);
        publish(1);
        String expected = """
                #EXTM3U
                #EXT-X-VERSION:3
                #EXT-X-TARGETDURATION:2
                #EXT-X-MEDIA-SEQUENCE:0
                #EXT-X-DISCONTINUITY-SEQUENCE:0
                #EXT-X-PROGRAM-DATE-TIME:2026-01-02T03:04:05.678+00:00
                #EXTINF:2.000,
                0.ts
                #EXT-X-PROGRAM-DATE-TIME:2026-01-02T03:04:07.678+00:00
                #EXTINF:2.000,
                1.ts
                """;
        for (String rendition : Ladder.NAMES) {
            assertEquals(expected, tree.text(rendition + "/index.m3u8"), rendition);
        }
    }

    @Test
    void endsEveryPlaylistOnceAndThenRefusesSegments() {
        publish(0);
        publish(1);
        publish(2);
        publisher.end();

        HlsRules.Summary summary = HlsRules.assertValid(tree.streamDir());
        assertTrue(summary.ended());
        assertEquals(uris(0, 2), summary.segmentUris());
        for (String rendition : Ladder.NAMES) {
            assertTrue(tree.text(rendition + "/index.m3u8").endsWith("#EXT-X-ENDLIST\n"), rendition);
        }
        Object written = tree.identity("360p30/index.m3u8");
        publisher.end();
        publisher.gap(ladder.segment(3));
        assertEquals(written, tree.identity("360p30/index.m3u8"), "a second end() or a late gap writes nothing");
        assertThrows(IllegalStateException.class, () -> publish(3));
        assertFalse(tree.files("360p30").contains("3.ts"));
    }

    @Test
    void aGapBecomesADiscontinuityInEveryRenditionThatCountsWhenItLeaves() {
        for (int k = 0; k < 4; k++) {
            publish(k);
        }
        publisher.gap(ladder.segment(4));
        for (int k = 5; k < Ladder.SEGMENTS; k++) {
            publish(k);
            HlsRules.Summary summary = HlsRules.assertValid(tree.streamDir());
            long newest = k - 1; // media sequence numbers stay consecutive across the gap
            long first = Math.max(0, newest - 5);
            String after = "after segment " + k;
            assertEquals(first, summary.mediaSequence(), after);
            assertEquals(newest - first + 1, summary.segmentCount(), after);
            boolean gapListed = first <= 4;
            // 5.ts carries the tag as media sequence 4; once it leaves, the discontinuity sequence counts it
            assertEquals(gapListed ? List.of(4L) : List.of(), summary.discontinuities(), after);
            assertEquals(gapListed ? 0 : 1, summary.discontinuitySequence(), after);
            assertTrue(summary.segmentUris().contains(k + ".ts"));
            assertFalse(summary.segmentUris().contains("4.ts"));
        }
        for (String rendition : Ladder.NAMES) {
            assertFalse(tree.files(rendition).contains("4.ts"), rendition);
        }
    }

    @Test
    void listsBothSidesOfAGapWithTheirOwnTimes() {
        for (int k = 0; k < 4; k++) {
            publish(k);
        }
        publisher.gap(ladder.segment(4));
        publish(5);

        for (String rendition : Ladder.NAMES) {
            List<MediaSegment> segments = tree.media(rendition).mediaSegments();
            assertEquals(uris(0, 1, 2, 3, 5), segments.stream().map(MediaSegment::uri).toList());
            assertEquals(List.of(false, false, false, false, true), segments.stream().map(MediaSegment::discontinuity).toList());
            assertEquals(Ladder.ingestedAt(5), segments.get(4).programDateTime().orElseThrow().toInstant(), "4 s after 3.ts");
        }
    }

    @Test
    void marksSourceDiscontinuitiesButNotOnTheFirstSegment() {
        publisher.publish(ladder.segment(0, 0, true), ladder.renditions(PROFILES, 0));
        publish(1);
        publisher.publish(ladder.segment(2, 2, true), ladder.renditions(PROFILES, 2));
        publish(3);

        assertEquals(List.of(2L), HlsRules.assertValid(tree.streamDir()).discontinuities());
    }

    @Test
    void aSkippedSequenceIsADiscontinuityToo() {
        publish(0);
        publish(1);
        publish(3);

        HlsRules.Summary summary = HlsRules.assertValid(tree.streamDir());
        assertEquals(uris(0, 1, 3), summary.segmentUris());
        assertEquals(List.of(2L), summary.discontinuities());
    }

    /** A failover to another encoder changes SPS/PPS in one rendition; players must reset in all of them. */
    @Test
    void anEncoderChangeInOneRenditionIsADiscontinuityInAll() throws Exception {
        Path high = MediaFixtures.encode("high-640x360-12s", "640x360", "30", 12, true,
                List.of("-profile:v", "high", "-coder", "cabac", "-b:v", "691k", "-g", "60"));
        List<Path> highSegments = MediaFixtures.segments(high, 2);
        for (int k = 0; k < 3; k++) {
            publish(k);
        }
        publishWith360p(3, MediaFixtures.bytes(highSegments.get(3)));
        publishWith360p(4, MediaFixtures.bytes(highSegments.get(4)));
        publish(5);

        HlsRules.Summary summary = HlsRules.assertValid(tree.streamDir());
        assertEquals(List.of(3L, 5L), summary.discontinuities(), "to High and back to Constrained Baseline");

        Map<String, String> highVideo = MediaFixtures.stream(highSegments.get(3), "v:0", "profile,level");
        Path baselineFile = MediaFixtures.segments(dev.streamflow.bridge.testing.TestMedia.Spec.pattern(640, 360, 30, Ladder.SECONDS)).get(0);
        Map<String, String> baselineVideo = MediaFixtures.stream(baselineFile, "v:0", "level");
        assertEquals("High", highVideo.get("profile"));
        int level = Math.max(Integer.parseInt(highVideo.get("level")), Integer.parseInt(baselineVideo.get("level")));
        String codec = tree.variant("360p30").codecs().get(0);
        assertTrue(codec.startsWith("avc1.64") && codec.endsWith(String.format(Locale.ROOT, "%02X", level)),
                "the master keeps declaring a codec that covers both encoders: " + codec);
        assertTrue(tree.variant("240p30").codecs().get(0).startsWith("avc1.42C0"), "other renditions keep theirs");
    }

    private void publish(int index) {
        publisher.publish(ladder.segment(index), ladder.renditions(PROFILES, index));
    }

    private void publishWith360p(int index, byte[] ts) {
        List<Rendition> renditions = new ArrayList<>(ladder.renditions(PROFILES, index));
        renditions.set(0, Ladder.rendition(PROFILES.get(0), ts));
        publisher.publish(ladder.segment(index), renditions);
    }
}
