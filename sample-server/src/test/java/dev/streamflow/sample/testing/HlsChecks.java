package dev.streamflow.sample.testing;

import dev.streamflow.bridge.testing.TestMedia;
import dev.streamflow.core.testing.HlsRules;
import io.lindstrom.m3u8.model.MasterPlaylist;
import io.lindstrom.m3u8.model.MediaPlaylist;
import io.lindstrom.m3u8.model.MediaSegment;
import io.lindstrom.m3u8.model.Variant;
import io.lindstrom.m3u8.parser.MasterPlaylistParser;
import io.lindstrom.m3u8.parser.MediaPlaylistParser;
import io.lindstrom.m3u8.parser.ParsingMode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Reads a stream's HLS tree ({@code <dir>/master.m3u8} and its media playlists) the way a player would. */
public final class HlsChecks {
    private HlsChecks() {
    }

    /** The master playlist, if it exists and parses (it may be mid-write while live). */
    public static Optional<MasterPlaylist> master(Path streamDir) {
        Path file = streamDir.resolve("master.m3u8");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new MasterPlaylistParser(ParsingMode.LENIENT).readPlaylist(file));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public static List<Path> mediaPlaylists(Path streamDir) {
        return master(streamDir).map(m -> m.variants().stream().map(Variant::uri).map(streamDir::resolve).toList())
                .orElse(List.of());
    }

    public static Optional<MediaPlaylist> media(Path playlist) {
        if (!Files.isRegularFile(playlist)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new MediaPlaylistParser(ParsingMode.LENIENT).readPlaylist(playlist));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The master and every media playlist it lists exist, each with at least {@code segments} segments. */
    public static boolean complete(Path streamDir, int segments) {
        List<Path> media = mediaPlaylists(streamDir);
        return !media.isEmpty() && media.stream().allMatch(p -> segmentCount(p) >= segments);
    }

    public static int segmentCount(Path mediaPlaylist) {
        return media(mediaPlaylist).map(m -> m.mediaSegments().size()).orElse(0);
    }

    /** Media sequence number of the newest segment: grows while the stream is transcoded. */
    public static long newestSequence(Path mediaPlaylist) {
        return media(mediaPlaylist).map(m -> m.mediaSequence() + m.mediaSegments().size() - 1).orElse(-1L);
    }

    /** Every media playlist carries EXT-X-ENDLIST. */
    public static boolean ended(Path streamDir) {
        List<Path> media = mediaPlaylists(streamDir);
        return !media.isEmpty() && media.stream().allMatch(p -> media(p).map(m -> !m.ongoing()).orElse(false));
    }

    /** Every segment listed in every media playlist decodes without a word from the bundled ffprobe. */
    public static void assertSegmentsDecode(Path streamDir) throws IOException, InterruptedException {
        for (Path playlist : mediaPlaylists(streamDir)) {
            MediaPlaylist media = media(playlist).orElseThrow(() -> new AssertionError("unreadable " + playlist));
            assertFalse(media.mediaSegments().isEmpty(), playlist + " lists no segment");
            for (MediaSegment segment : media.mediaSegments()) {
                Path file = playlist.getParent().resolve(segment.uri());
                Process probe = TestMedia.tools().ffprobe(List.of("-v", "error", "-count_frames",
                        "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", file.toString())).start();
                String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                String errors = new String(probe.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                assertEquals(0, probe.waitFor(), file + ": ffprobe failed: " + errors);
                assertEquals("", errors.strip(), file + " does not decode cleanly");
                assertFalse(out.isBlank(), file + " has no streams");
            }
        }
    }

    /** plugin-core's own rules for a stream's HLS tree (playlists, windows, alignment, segment files). */
    public static void assertHlsRules(Path streamDir) {
        HlsRules.assertValid(streamDir);
    }
}
