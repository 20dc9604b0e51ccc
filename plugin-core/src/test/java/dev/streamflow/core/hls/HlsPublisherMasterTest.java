package dev.streamflow.core.hls;

import dev.streamflow.bridge.engine.Rendition;
import dev.streamflow.bridge.engine.VideoProfile;
import dev.streamflow.bridge.testing.TestMedia;
import dev.streamflow.core.media.MediaFixtures;
import dev.streamflow.core.testing.HlsRules;
import io.lindstrom.m3u8.model.MasterPlaylist;
import io.lindstrom.m3u8.model.Variant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The master playlist: measured BANDWIDTH and AVERAGE-BANDWIDTH, CODECS/RESOLUTION/FRAME-RATE from the bitstream,
 * and rewrites only when a declared value stops describing the stream. All segments here last 2 s (180000 ticks),
 * so a segment's bit rate is exactly bytes × 4.
 */
class HlsPublisherMasterTest {
    /** Profile bitrates far below the clips': the measured peak decides BANDWIDTH. */
    private static final List<VideoProfile> MEASURED = Ladder.profiles(16, 16, 16);
    /** Profile bitrates far above the clips': the floor decides BANDWIDTH. */
    private static final List<VideoProfile> FLOORED = Ladder.profiles(5000, 2000, 1000);
    private static Ladder ladder;

    @TempDir
    Path root;

    @BeforeAll
    static void media() throws Exception {
        ladder = Ladder.get();
    }

    @Test
    void declaresMeasuredValuesFromTheFirstSegment() throws Exception {
        HlsTree tree = new HlsTree(root);
        publisher(MEASURED).publish(ladder.segment(0), ladder.renditions(MEASURED, 0));

        MasterPlaylist master = tree.master();
        assertTrue(master.independentSegments());
        assertEquals(List.of("360p30/index.m3u8", "240p30/index.m3u8", "144p30/index.m3u8"),
                master.variants().stream().map(Variant::uri).toList(), "ladder order");
        List<Path> files = rungFiles();
        StringBuilder expected = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        for (int rung = 0; rung < 3; rung++) {
            Variant variant = master.variants().get(rung);
            long bitrate = ladder.ts(rung, 0).length * 4L;
            Map<String, String> video = MediaFixtures.stream(files.get(rung), "v:0", "width,height,profile,level");
            assertEquals("Constrained Baseline", video.get("profile"));
            String avc = String.format(Locale.ROOT, "avc1.42C0%02X", Integer.parseInt(video.get("level")));
            assertEquals(List.of(avc, "mp4a.40.2"), variant.codecs(), variant.uri());
            assertEquals(Integer.parseInt(video.get("width")), variant.resolution().orElseThrow().width());
            assertEquals(Integer.parseInt(video.get("height")), variant.resolution().orElseThrow().height());
            assertEquals(30.0, variant.frameRate().orElseThrow());
            assertEquals(bitrate, variant.bandwidth(), variant.uri());
            assertEquals(bitrate, variant.averageBandwidth().orElseThrow(), variant.uri());
            expected.append("#EXT-X-STREAM-INF:BANDWIDTH=").append(bitrate).append(",AVERAGE-BANDWIDTH=").append(bitrate)
                    .append(",CODECS=\"").append(avc).append(",mp4a.40.2\",RESOLUTION=").append(video.get("width"))
                    .append('x').append(video.get("height")).append(",FRAME-RATE=30.000\n")
                    .append(Ladder.NAMES.get(rung)).append("/index.m3u8\n");
        }
        assertEquals(expected.toString(), tree.text("master.m3u8"));
        HlsRules.assertValid(tree.streamDir());
    }

    /** Replays the rule on the real segment sizes and compares every master the publisher leaves behind. */
    @Test
    void rewritesExactlyWhenPeakOrAverageMoves() {
        HlsTree tree = new HlsTree(root);
        HlsPublisher publisher = publisher(MEASURED);
        long[][] declared = null;
        Object identity = null;
        int rewrites = 0;
        for (int k = 0; k < Ladder.SEGMENTS; k++) {
            publisher.publish(ladder.segment(k), ladder.renditions(MEASURED, k));
            long[][] measured = measured(k);
            boolean expectRewrite = declared == null || outdated(declared, measured);
            declared = expectRewrite ? measured : declared;
            Object now = tree.identity("master.m3u8");
            assertEquals(expectRewrite, !now.equals(identity), "master rewritten after segment " + k);
            rewrites += expectRewrite ? 1 : 0;
            identity = now;
            for (int rung = 0; rung < 3; rung++) {
                Variant variant = tree.master().variants().get(rung);
                assertEquals(declared[rung][0], variant.bandwidth(), "BANDWIDTH of " + variant.uri() + " after " + k);
                assertEquals(declared[rung][1], variant.averageBandwidth().orElseThrow(), "AVERAGE of " + variant.uri() + " after " + k);
            }
        }
        assertTrue(rewrites >= 2 && rewrites < Ladder.SEGMENTS, "precondition: the real sizes make the master both"
                + " change and stay after the first segment; rewrites: " + rewrites);
    }

    @Test
    void aFloorKeepsBandwidthAboveTheLadderAndTheMasterStable() {
        HlsTree tree = new HlsTree(root);
        HlsPublisher publisher = publisher(FLOORED);
        publisher.publish(ladder.segment(0), ladder.renditions(FLOORED, 0));
        String first = tree.text("master.m3u8");
        Object identity = tree.identity("master.m3u8");
        for (int k = 1; k < Ladder.SEGMENTS; k++) {
            long[][] measured = measured(k);
            for (int rung = 0; rung < 3; rung++) {
                long declaredAverage = ladder.ts(rung, 0).length * 4L;
                assertTrue(Math.abs(measured[rung][1] - declaredAverage) <= 0.1 * declaredAverage, "precondition: clip bitrate is steady");
            }
            publisher.publish(ladder.segment(k), ladder.renditions(FLOORED, k));
        }

        assertEquals(identity, tree.identity("master.m3u8"), "never rewritten");
        assertEquals(first, tree.text("master.m3u8"));
        // (video kbps + 128 kbps audio) × 1.1 for TS overhead
        assertEquals(List.of(5_640_800L, 2_340_800L, 1_240_800L), tree.master().variants().stream().map(Variant::bandwidth).toList());
        for (int rung = 0; rung < 3; rung++) {
            assertEquals(ladder.ts(rung, 0).length * 4L, tree.master().variants().get(rung).averageBandwidth().orElseThrow());
        }
    }

    @Test
    void aHeavySegmentRaisesBandwidthAtOnce() throws Exception {
        Path heavy = MediaFixtures.encode("heavy-640x360-8s", "640x360", "30", 8, true, List.of("-b:v", "2000k", "-g", "60"));
        byte[] heavySegment = MediaFixtures.bytes(MediaFixtures.segments(heavy, 2).get(3));
        HlsTree tree = new HlsTree(root);
        HlsPublisher publisher = publisher(MEASURED);
        for (int k = 0; k < 3; k++) {
            publisher.publish(ladder.segment(k), ladder.renditions(MEASURED, k));
        }
        Object before = tree.identity("master.m3u8");
        List<Rendition> renditions = new ArrayList<>(ladder.renditions(MEASURED, 3));
        renditions.set(0, Ladder.rendition(MEASURED.get(0), heavySegment));
        publisher.publish(ladder.segment(3), renditions);

        long heavyRate = heavySegment.length * 4L;
        long total = ladder.ts(0, 0).length + ladder.ts(0, 1).length + ladder.ts(0, 2).length + (long) heavySegment.length;
        assertTrue(heavyRate > 2 * ladder.ts(0, 2).length * 4L, "precondition: the segment is much heavier");
        assertNotEquals(before, tree.identity("master.m3u8"));
        Variant variant = tree.variant("360p30");
        assertEquals(heavyRate, variant.bandwidth());
        assertEquals(total, variant.averageBandwidth().orElseThrow());
        HlsRules.Summary summary = HlsRules.assertValid(tree.streamDir());
        assertEquals(List.of(), summary.discontinuities(), "same encoder settings, same SPS: no discontinuity");
    }

    @Test
    void aRenditionWithoutAudioDeclaresOnlyVideo() throws Exception {
        List<VideoProfile> single = List.of(new VideoProfile("144p30", 256, 144, 30, 1000));
        byte[] silent = MediaFixtures.bytes(MediaFixtures.segments(TestMedia.Spec.pattern(256, 144, 30, 4).withoutAudio()).get(0));
        HlsTree tree = new HlsTree(root);
        publisher(single).publish(ladder.segment(0), List.of(Ladder.rendition(single.get(0), silent)));

        Variant variant = tree.variant("144p30");
        assertEquals(1, variant.codecs().size());
        assertTrue(variant.codecs().get(0).startsWith("avc1.42C0"));
        assertEquals(1_100_000L, variant.bandwidth(), "floor without audio: 1000 kbps × 1.1");
        HlsRules.assertValid(tree.streamDir());
    }

    @Test
    void aSegmentWithoutLeadingIdrWithdrawsIndependentSegments() throws Exception {
        List<VideoProfile> single = List.of(new VideoProfile("144p30", 256, 144, 30, 1000));
        Path midGopFile = MediaFixtures.midGopSegment();
        assertFalse(MediaFixtures.firstPacketIsKey(midGopFile), "precondition: starts with a P picture");
        byte[] midGop = MediaFixtures.bytes(midGopFile);
        byte[] first = MediaFixtures.bytes(MediaFixtures.segments(TestMedia.Spec.pattern(256, 144, 30, 4)).get(0));
        HlsTree tree = new HlsTree(root);
        HlsPublisher publisher = publisher(single);
        publisher.publish(ladder.segment(0), List.of(Ladder.rendition(single.get(0), first)));
        assertTrue(tree.master().independentSegments());

        publisher.publish(ladder.segment(1), List.of(Ladder.rendition(single.get(0), midGop)));

        assertFalse(tree.master().independentSegments());
        AssertionError e = assertThrows(AssertionError.class, () -> HlsRules.assertValid(tree.streamDir()));
        assertTrue(e.getMessage().contains("EXT-X-INDEPENDENT-SEGMENTS"), e.getMessage());
    }

    private HlsPublisher publisher(List<VideoProfile> profiles) {
        return new HlsPublisher(Ladder.STREAM, profiles, new DirectorySegmentStore(root), HlsSettings.defaults());
    }

    private static List<Path> rungFiles() throws Exception {
        List<Path> files = new ArrayList<>();
        for (int[] size : new int[][]{{640, 360}, {426, 240}, {256, 144}}) {
            files.add(MediaFixtures.segments(TestMedia.Spec.pattern(size[0], size[1], 30, Ladder.SECONDS)).get(0));
        }
        return files;
    }

    /** {BANDWIDTH, AVERAGE-BANDWIDTH} per rung after segments 0..k of the MEASURED ladder. */
    private static long[][] measured(int k) {
        long[][] out = new long[3][2];
        for (int rung = 0; rung < 3; rung++) {
            long peak = 0;
            long sum = 0;
            for (int i = 0; i <= k; i++) {
                peak = Math.max(peak, ladder.ts(rung, i).length * 4L);
                sum += ladder.ts(rung, i).length;
            }
            long floor = (16_000L + 128_000L) * 11 / 10;
            out[rung][0] = Math.max(peak, floor);
            out[rung][1] = Math.round(sum * 4.0 / (k + 1));
        }
        return out;
    }

    /** Peak above the declared BANDWIDTH, or average more than 10 % off the declared one, in any rung. */
    private static boolean outdated(long[][] declared, long[][] measured) {
        for (int rung = 0; rung < 3; rung++) {
            if (measured[rung][0] > declared[rung][0] || Math.abs(measured[rung][1] - declared[rung][1]) > 0.1 * declared[rung][1]) {
                return true;
            }
        }
        return false;
    }
}
