package dev.streamflow.core.hls;

import dev.streamflow.bridge.engine.Rendition;
import dev.streamflow.bridge.engine.VideoProfile;
import dev.streamflow.bridge.testing.TestMedia;
import dev.streamflow.core.ingest.StreamKey;
import dev.streamflow.core.media.MediaFixtures;
import dev.streamflow.core.segment.Segment;
import dev.streamflow.core.testing.HlsRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the publisher refuses, and that a refusal leaves the published stream as it was. */
class HlsPublisherRejectsTest {
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
    void publishTwo() {
        tree = new HlsTree(root);
        publisher = new HlsPublisher(Ladder.STREAM, PROFILES, new DirectorySegmentStore(root), HlsSettings.defaults());
        publish(0);
        publish(1);
    }

    @Test
    void anUnparsableRenditionChangesNothingAndTheStreamGoesOnAfterAGap() throws IOException {
        byte[] garbage = new byte[188 * 500];
        new Random(7).nextBytes(garbage);
        Map<String, byte[]> before = snapshot();

        InvalidRenditionException e = assertThrows(InvalidRenditionException.class, () -> publishWith(2, 1, garbage));

        assertInstanceOf(IllegalArgumentException.class, e);
        assertTrue(e.getMessage().contains("rendition 240p30 of segment 2") && e.getMessage().contains("no sync byte"), e.getMessage());
        assertSnapshotEquals(before, snapshot());
        publisher.gap(ladder.segment(2));
        publish(3);
        HlsRules.Summary summary = HlsRules.assertValid(tree.streamDir());
        assertEquals(HlsTree.uris(0, 1, 3), summary.segmentUris());
        assertEquals(List.of(2L), summary.discontinuities());
    }

    @Test
    void namesWhatIsWrongWithARendition() throws Exception {
        byte[] real = ladder.ts(2, 2);
        Path clip = TestMedia.ts(TestMedia.Spec.pattern(256, 144, 30, 4));
        byte[] audioOnly = MediaFixtures.bytes(MediaFixtures.remux(clip, "audio-only-256x144", List.of("-map", "0:a", "-c", "copy")));
        // cut 1 s into a 2 s GOP and stopped before the next IDR: P pictures only, no SPS or PPS
        byte[] noParameterSets = MediaFixtures.bytes(MediaFixtures.remux(clip, "no-sps-256x144",
                List.of("-ss", "0.5", "-t", "1", "-copyinkf", "-c", "copy", "-map", "0")));

        assertRejected("truncated", Arrays.copyOf(real, 1000));
        assertRejected("empty", new byte[0]);
        assertRejected("no H.264 video stream", audioOnly);
        assertRejected("no SPS", noParameterSets);
        assertEquals(HlsTree.uris(0, 1), HlsRules.assertValid(tree.streamDir()).segmentUris());
    }

    @Test
    void refusesSegmentsOutOfOrderOrOfAnotherStream() {
        Map<String, byte[]> before = snapshot();

        assertThrows(IllegalArgumentException.class, () -> publish(1), "a sequence already published");
        assertThrows(IllegalArgumentException.class, () -> publish(0), "an older sequence");
        Segment other = new Segment(new StreamKey("live", "other"), 2, 0, 180_000, Ladder.ingestedAt(2), false, 60, 94, ladder.ts(0, 2));
        assertThrows(IllegalArgumentException.class, () -> publisher.publish(other, ladder.renditions(PROFILES, 2)));
        Segment empty = new Segment(Ladder.STREAM, 2, 0, 0, Ladder.ingestedAt(2), false, 60, 94, ladder.ts(0, 2));
        assertThrows(IllegalArgumentException.class, () -> publisher.publish(empty, ladder.renditions(PROFILES, 2)));

        assertSnapshotEquals(before, snapshot());
    }

    @Test
    void refusesRenditionsThatDoNotMatchTheLadder() {
        List<Rendition> all = ladder.renditions(PROFILES, 2);
        List<Rendition> swapped = new ArrayList<>(List.of(all.get(1), all.get(0), all.get(2)));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> publisher.publish(ladder.segment(2), swapped));
        assertTrue(e.getMessage().contains("rendition 0 is 240p30, expected 360p30"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> publisher.publish(ladder.segment(2), all.subList(0, 2)));
        publish(2); // nothing above consumed sequence 2
        assertEquals(List.of(), HlsRules.assertValid(tree.streamDir()).discontinuities());
    }

    @Test
    void refusesLaddersThatCannotBeDirectories() {
        SegmentStore store = new DirectorySegmentStore(root);
        VideoProfile a = new VideoProfile("720p", 1280, 720, 30, 3000);
        VideoProfile escaping = new VideoProfile("../720p", 1280, 720, 30, 3000);
        VideoProfile nested = new VideoProfile("a/b", 1280, 720, 30, 3000);

        assertThrows(IllegalArgumentException.class, () -> new HlsPublisher(Ladder.STREAM, List.of(a, a), store, HlsSettings.defaults()));
        assertThrows(IllegalArgumentException.class, () -> new HlsPublisher(Ladder.STREAM, List.of(escaping), store, HlsSettings.defaults()));
        assertThrows(IllegalArgumentException.class, () -> new HlsPublisher(Ladder.STREAM, List.of(nested), store, HlsSettings.defaults()));
        assertThrows(IllegalArgumentException.class, () -> new HlsPublisher(Ladder.STREAM, List.of(), store, HlsSettings.defaults()));
    }

    private void assertRejected(String reason, byte[] ts) {
        InvalidRenditionException e = assertThrows(InvalidRenditionException.class, () -> publishWith(2, 2, ts));
        assertTrue(e.getMessage().contains("rendition 144p30 of segment 2") && e.getMessage().contains(reason), e.getMessage());
        assertFalse(tree.files("144p30").contains("2.ts"));
    }

    private void publish(int index) {
        publisher.publish(ladder.segment(index), ladder.renditions(PROFILES, index));
    }

    private void publishWith(int index, int rung, byte[] ts) {
        List<Rendition> renditions = new ArrayList<>(ladder.renditions(PROFILES, index));
        renditions.set(rung, Ladder.rendition(PROFILES.get(rung), ts));
        publisher.publish(ladder.segment(index), renditions);
    }

    /** Every file under the root with its bytes. */
    private Map<String, byte[]> snapshot() {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path file : all.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(file).toString(), Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return files;
    }

    private static void assertSnapshotEquals(Map<String, byte[]> expected, Map<String, byte[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((name, bytes) -> assertArrayEquals(bytes, actual.get(name), name));
    }
}
