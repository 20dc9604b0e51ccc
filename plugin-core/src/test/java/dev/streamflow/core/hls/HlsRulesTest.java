package dev.streamflow.core.hls;

import dev.streamflow.bridge.engine.VideoProfile;
import dev.streamflow.core.media.MediaFixtures;
import dev.streamflow.core.testing.HlsRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HlsRules accepts what the publisher writes and names each rule a damaged copy breaks. */
class HlsRulesTest {
    private static final List<VideoProfile> PROFILES = Ladder.profiles(800, 400, 200);

    @TempDir
    static Path published;
    @TempDir
    Path copy;

    /** Seven segments: 1..6 listed, 0 retired but still on disk. */
    @BeforeAll
    static void publishSeven() throws Exception {
        Ladder ladder = Ladder.get();
        HlsPublisher publisher = new HlsPublisher(Ladder.STREAM, PROFILES, new DirectorySegmentStore(published), HlsSettings.defaults());
        for (int k = 0; k < 7; k++) {
            publisher.publish(ladder.segment(k), ladder.renditions(PROFILES, k));
        }
    }

    @Test
    void summarisesAValidTree() {
        HlsRules.Summary summary = HlsRules.assertValid(stream(published));
        assertEquals(Ladder.NAMES, summary.renditions());
        assertEquals(6, summary.segmentCount());
        assertEquals(1, summary.mediaSequence());
        assertEquals(0, summary.discontinuitySequence());
        assertEquals(2, summary.targetDuration());
        assertEquals(HlsTree.uris(1, 6), summary.segmentUris());
        assertEquals(List.of(), summary.discontinuities());
        assertEquals(false, summary.ended());
        assertEquals(List.of("360p30/index.m3u8", "240p30/index.m3u8", "144p30/index.m3u8"),
                summary.variants().stream().map(HlsRules.Variant::uri).toList());
    }

    @Test
    void everySegmentNeedsAProgramDateTime() throws IOException {
        edit("240p30/index.m3u8", t -> t.replace("#EXT-X-PROGRAM-DATE-TIME:2026-01-02T03:04:13.678+00:00\n", ""));
        assertViolation("240p30/index.m3u8 4.ts has no EXT-X-PROGRAM-DATE-TIME");
    }

    @Test
    void programDateTimesMustAdvance() throws IOException {
        edit("144p30/index.m3u8", t -> t.replace("T03:04:13.678", "T03:04:01.000"));
        assertViolation("does not come after the previous segment's");
    }

    @Test
    void theDiscontinuitySequenceMustBeThere() throws IOException {
        edit("360p30/index.m3u8", t -> t.replace("#EXT-X-DISCONTINUITY-SEQUENCE:0\n", ""));
        assertViolation("360p30/index.m3u8 lacks EXT-X-DISCONTINUITY-SEQUENCE");
    }

    @Test
    void extinfMustRoundToTheTargetDurationOrLess() throws IOException {
        for (String rendition : Ladder.NAMES) {
            edit(rendition + "/index.m3u8", t -> t.replace("#EXT-X-TARGETDURATION:2", "#EXT-X-TARGETDURATION:1"));
        }
        assertViolation("EXTINF 2.0 rounds above EXT-X-TARGETDURATION 1");
    }

    @Test
    void listedSegmentsMustExist() throws IOException {
        reset();
        Files.delete(stream(copy).resolve("144p30/5.ts"));
        assertViolation("144p30/index.m3u8 lists 5.ts, which does not exist");
    }

    @Test
    void listedSegmentsMustBeUsableTs() throws IOException {
        reset();
        Path segment = stream(copy).resolve("144p30/5.ts");
        Files.write(segment, Arrays.copyOf(Files.readAllBytes(segment), 188 * 3)); // PSI only
        assertViolation("144p30/index.m3u8 5.ts is not usable MPEG-TS");
    }

    @Test
    void listedSegmentsMustStartWithAnIdr() throws Exception {
        reset();
        Files.copy(MediaFixtures.midGopSegment(), stream(copy).resolve("144p30/5.ts"), StandardCopyOption.REPLACE_EXISTING);
        assertViolation("144p30/index.m3u8 5.ts does not start with an IDR picture");
    }

    @Test
    void discontinuitiesMustBeAlignedAcrossRenditions() throws IOException {
        edit("240p30/index.m3u8", t -> t.replace("#EXT-X-PROGRAM-DATE-TIME:2026-01-02T03:04:13.678", "#EXT-X-DISCONTINUITY\n#EXT-X-PROGRAM-DATE-TIME:2026-01-02T03:04:13.678"));
        assertViolation("240p30/index.m3u8 vs 360p30/index.m3u8: discontinuities at different segments [4] vs []");
    }

    @Test
    void segmentsMustBeTheSameInEveryRendition() throws IOException {
        edit("144p30/index.m3u8", t -> t.replace("\n6.ts\n", "\n5.ts\n"));
        assertViolation("different segment sequence numbers");
    }

    @Test
    void aLiveWindowHoldsSixOnceSegmentsLeft() throws IOException {
        for (String rendition : Ladder.NAMES) {
            edit(rendition + "/index.m3u8", t -> t.replace("#EXT-X-MEDIA-SEQUENCE:1", "#EXT-X-MEDIA-SEQUENCE:2")
                    .replaceFirst("#EXT-X-PROGRAM-DATE-TIME:[^\\n]+\\n#EXTINF:2.000,\\n1.ts\\n", ""));
        }
        assertViolation("lists 5 segments after segments left the window");
    }

    @Test
    void theMasterNeedsFrameRateAndIndependentSegments() throws IOException {
        edit("master.m3u8", t -> t.replace(",FRAME-RATE=30.000\n240p30", "\n240p30"));
        assertViolation("variant 240p30/index.m3u8 has no FRAME-RATE");
        edit("master.m3u8", t -> t.replace("#EXT-X-INDEPENDENT-SEGMENTS\n", ""));
        assertViolation("master.m3u8 lacks EXT-X-INDEPENDENT-SEGMENTS");
    }

    @Test
    void theMasterMustDescribeTheBitstream() throws IOException {
        edit("master.m3u8", t -> t.replace("RESOLUTION=426x240", "RESOLUTION=428x240"));
        assertViolation("RESOLUTION 428x240 but 6.ts is 426x240");
        reset();
        edit("master.m3u8", t -> t.replaceFirst("avc1\\.42C0..", "avc1.42C00A"));
        assertViolation("CODECS avc1.42C00A does not cover");
        reset();
        edit("master.m3u8", t -> t.replace(",mp4a.40.2", ""));
        assertViolation("lacks mp4a.40.2 although the segments carry AAC");
    }

    @Test
    void unknownTagsFailStrictParsing() throws IOException {
        edit("360p30/index.m3u8", t -> t.replace("#EXT-X-VERSION:3\n", "#EXT-X-VERSION:3\n#EXT-X-FOO:1\n"));
        assertViolation("360p30/index.m3u8 does not parse (STRICT)");
    }

    private void edit(String file, UnaryOperator<String> change) throws IOException {
        if (!Files.exists(stream(copy))) {
            reset();
        }
        Path path = stream(copy).resolve(file);
        String before = Files.readString(path);
        String after = change.apply(before);
        assertTrue(!after.equals(before), "precondition: the edit changed " + file);
        Files.writeString(path, after);
    }

    private void reset() throws IOException {
        if (Files.exists(copy.resolve("live"))) {
            try (Stream<Path> all = Files.walk(copy.resolve("live"))) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        try (Stream<Path> all = Files.walk(published)) {
            for (Path source : all.toList()) {
                Path target = copy.resolve(published.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        HlsRules.assertValid(stream(copy)); // the undamaged copy passes
    }

    private void assertViolation(String expected) {
        AssertionError e = assertThrows(AssertionError.class, () -> HlsRules.assertValid(stream(copy)));
        assertTrue(e.getMessage().contains(expected), "'" + e.getMessage() + "' should contain '" + expected + "'");
    }

    private static Path stream(Path root) {
        return root.resolve("live").resolve("demo");
    }
}
