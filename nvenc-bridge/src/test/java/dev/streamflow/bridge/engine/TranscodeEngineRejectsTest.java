package dev.streamflow.bridge.engine;

import dev.streamflow.bridge.testing.TestMedia.Spec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input ends in a TranscodeException that says what was wrong, never in a crash or a half rendition. */
class TranscodeEngineRejectsTest {
    private static final List<VideoProfile> LADDER = List.of(new VideoProfile("240p", 426, 240, 30, 400));

    private static EncoderChoice encoder;
    private static TranscodeEngine engine;
    private static byte[] segment;

    @BeforeAll
    static void setUp() throws Exception {
        encoder = EncoderChoice.detect();
        engine = new TranscodeEngine(encoder);
        segment = Clips.bytes(Spec.pattern(640, 360, 30, 1));
    }

    @Test
    void randomBytes() {
        byte[] garbage = new byte[188 * 50];
        new Random(7).nextBytes(garbage);
        garbage[0] = 0x12;
        assertRejected(garbage, "not MPEG-TS: it starts with 0x12");
    }

    @Test
    void randomBytesBehindValidSyncBytes() {
        byte[] garbage = new byte[188 * 50];
        new Random(8).nextBytes(garbage);
        for (int offset = 0; offset < garbage.length; offset += 188) {
            garbage[offset] = 0x47;
        }
        assertRejected(garbage, "no readable MPEG-TS streams");
    }

    @Test
    void syncLostHalfway() {
        byte[] broken = segment.clone();
        int packet = broken.length / 188 / 2;
        broken[packet * 188] = 0x00;
        assertRejected(broken, "sync byte 0x47 missing at offset " + packet * 188);
    }

    @Test
    void truncatedInsideAPacket() {
        assertRejected(Arrays.copyOf(segment, segment.length - 100), "truncated");
    }

    @Test
    void truncatedAtAPacketBoundaryInsideAFrame() throws Exception {
        assertRejected(cutInsideAFrame(), "damaged");
    }

    @Test
    void onlyTheFirstPacketsOfASegment() {
        assertRejected(Arrays.copyOf(segment, 188 * 5), "cannot determine the source frame rate from 1 video timestamps");
    }

    @Test
    void empty() {
        assertRejected(new byte[0], "segment is empty");
    }

    @Test
    void overTheSizeLimit() {
        TranscodeEngine strict = new TranscodeEngine(encoder, EngineSettings.defaults().withMaxInputBytes(188 * 100));
        TranscodeException e = assertThrows(TranscodeException.class, () -> strict.transcode(segment, LADDER));
        assertTrue(e.getMessage().contains("over the limit of 18800 bytes"), e.getMessage());
    }

    @Test
    void overTheTimeLimit() {
        TranscodeEngine hurried = new TranscodeEngine(encoder, EngineSettings.defaults().withTimeout(Duration.ofNanos(1)));
        TranscodeException e = assertThrows(TranscodeException.class, () -> hurried.transcode(segment, LADDER));
        assertTrue(e.getMessage().startsWith("transcoding took longer than the limit"), e.getMessage());
    }

    @Test
    void emptyLadder() {
        TranscodeException e = assertThrows(TranscodeException.class, () -> engine.transcode(segment, List.of()));
        assertEquals("the ladder is empty", e.getMessage());
    }

    @Test
    void stillWorksAfterRejectionsAndLeavesNoStagedFiles() throws Exception {
        Path work = Files.createTempDirectory("engine-work-");
        TranscodeEngine staged = new TranscodeEngine(encoder, new EngineSettings(64L << 20, Duration.ofSeconds(60), 7680L * 4320, work));
        for (byte[] bad : List.of(Arrays.copyOf(segment, 188 * 5), cutInsideAFrame())) {
            assertThrows(TranscodeException.class, () -> staged.transcode(bad, LADDER));
        }
        Rendition rendition = staged.transcode(segment, LADDER).get(0);
        assertEquals(ProbedTs.of(segment).video().decodedFrames(), rendition.frames());
        try (Stream<Path> left = Files.list(work)) {
            assertEquals(List.of(), left.toList());
        }
        Files.delete(work);
    }

    /** The segment up to the second TS packet of a video frame in its middle: whole packets, but a cut frame. */
    private static byte[] cutInsideAFrame() throws Exception {
        int videoPid = ProbedTs.of(segment).video().pid();
        List<Integer> frameStarts = new java.util.ArrayList<>();
        for (int offset = 0; offset < segment.length; offset += 188) {
            int pid = ((segment[offset + 1] & 0x1f) << 8) | (segment[offset + 2] & 0xff);
            boolean payloadStart = (segment[offset + 1] & 0x40) != 0;
            if (pid == videoPid && payloadStart) {
                frameStarts.add(offset);
            }
        }
        return Arrays.copyOf(segment, frameStarts.get(frameStarts.size() / 2) + 2 * 188);
    }

    private static void assertRejected(byte[] input, String expectedInMessage) {
        TranscodeException e = assertThrows(TranscodeException.class, () -> engine.transcode(input, LADDER));
        assertTrue(e.getMessage().contains(expectedInMessage), "message: " + e.getMessage());
    }
}
