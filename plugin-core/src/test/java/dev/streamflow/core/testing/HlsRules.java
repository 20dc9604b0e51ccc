package dev.streamflow.core.testing;

import dev.streamflow.core.media.AvcCodec;
import dev.streamflow.core.media.CodecStrings;
import dev.streamflow.core.media.MalformedMediaException;
import dev.streamflow.core.media.Sps;
import dev.streamflow.core.media.TsInfo;
import dev.streamflow.core.media.TsProbe;
import io.lindstrom.m3u8.model.MasterPlaylist;
import io.lindstrom.m3u8.model.MediaPlaylist;
import io.lindstrom.m3u8.model.MediaSegment;
import io.lindstrom.m3u8.parser.MasterPlaylistParser;
import io.lindstrom.m3u8.parser.MediaPlaylistParser;
import io.lindstrom.m3u8.parser.ParsingMode;
import io.lindstrom.m3u8.parser.PlaylistParserException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks a live HLS tree as Streamflow publishes it ({@code master.m3u8} + one media playlist per variant)
 * against RFC 8216 and the Apple authoring rules that matter for a live transcoder
 * (reference/hls-output-and-testing.md §2.4). Each violated rule fails with an {@link AssertionError} that names
 * the rule and the file.
 *
 * <p>Playlists are parsed with io.lindstrom m3u8-parser in STRICT mode: our output must not contain tags the
 * parser does not know. Tags whose absence the parser hides behind defaults (EXT-X-DISCONTINUITY-SEQUENCE,
 * EXT-X-VERSION) are checked on the text.
 *
 * <p>Safe on a tree that is being published: all playlists are read until two consecutive reads agree, so the
 * checks see one moment of the stream (each playlist is replaced atomically by the publisher).
 */
public final class HlsRules {
    public static final int MIN_LIVE_WINDOW = 6;
    private static final int MAX_READ_ATTEMPTS = 50;
    private static final Pattern AVC = Pattern.compile("avc1\\.[0-9A-Fa-f]{6}");
    private static final Pattern AAC = Pattern.compile("mp4a\\.40\\.\\d{1,2}");
    private static final Pattern NUMBERED = Pattern.compile("(\\d{1,18})\\.ts");

    /** One variant of the master playlist. {@code name} is the directory of its media playlist. */
    public record Variant(String name, String uri, long bandwidth, long averageBandwidth, List<String> codecs,
                          int width, int height, double frameRate) {
    }

    /**
     * What the checked tree holds; the segment fields are the same for every rendition (that is checked).
     *
     * @param discontinuities media sequence numbers of the segments preceded by EXT-X-DISCONTINUITY
     */
    public record Summary(List<Variant> variants, int segmentCount, long mediaSequence, long discontinuitySequence,
                          int targetDuration, List<String> segmentUris, List<Long> discontinuities, boolean ended) {

        public List<String> renditions() {
            return variants.stream().map(Variant::name).toList();
        }
    }

    private HlsRules() {
    }

    /**
     * Polls until the master playlist exists and every media playlist it lists carries EXT-X-ENDLIST, then checks the
     * whole tree. Until then the tree is not judged: the publisher updates the renditions' playlists one file at a
     * time, so a look between two writes may see one rendition a segment ahead of another.
     */
    public static Summary awaitEnded(Path streamDir, Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            if (allEnded(streamDir)) {
                Summary summary = assertValid(streamDir);
                check(summary.ended(), streamDir + ": ended, yet the summary says otherwise");
                return summary;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no EXT-X-ENDLIST in every media playlist of " + streamDir + " within " + within.toSeconds() + " s");
    }

    private static boolean allEnded(Path streamDir) {
        Path master = streamDir.resolve("master.m3u8");
        if (!Files.exists(master)) {
            return false;
        }
        List<String> uris = parseMaster(readText(master)).variants().stream().map(v -> v.uri()).toList();
        return !uris.isEmpty() && uris.stream().allMatch(uri -> {
            Path playlist = streamDir.resolve(uri);
            return Files.exists(playlist) && readText(playlist).contains("#EXT-X-ENDLIST");
        });
    }

    /** Checks the tree under {@code streamDir} (the directory holding {@code master.m3u8}) and summarises it. */
    public static Summary assertValid(Path streamDir) {
        Snapshot snapshot = readConsistently(streamDir);
        MasterPlaylist master = parseMaster(snapshot.master);
        List<Variant> variants = checkMaster(master);
        Map<String, MediaPlaylist> media = new LinkedHashMap<>();
        for (Variant variant : variants) {
            String text = snapshot.media.get(variant.uri());
            MediaPlaylist playlist = parseMedia(variant.uri(), text);
            checkMedia(streamDir, variant.uri(), text, playlist);
            media.put(variant.uri(), playlist);
        }
        checkAlignment(media);
        for (Variant variant : variants) {
            checkSegmentsAgainstMaster(streamDir, variant, media.get(variant.uri()));
        }
        return summarise(variants, media.values().iterator().next());
    }

    // ---- master ------------------------------------------------------------------------------------------

    private static List<Variant> checkMaster(MasterPlaylist master) {
        check(!master.variants().isEmpty(), "master.m3u8 lists no variant");
        check(master.independentSegments(), "master.m3u8 lacks EXT-X-INDEPENDENT-SEGMENTS (Apple 9.11)");
        List<Variant> variants = new ArrayList<>();
        for (var v : master.variants()) {
            String where = "master.m3u8 variant " + v.uri();
            check(!v.codecs().isEmpty(), where + " has no CODECS (Apple 9.1)");
            check(AVC.matcher(v.codecs().get(0)).matches(), where + " CODECS does not start with avc1.PPCCLL: " + v.codecs());
            v.codecs().stream().skip(1).forEach(c -> check(AAC.matcher(c).matches(), where + " has an unexpected codec " + c));
            check(v.resolution().isPresent(), where + " has no RESOLUTION (Apple 9.2)");
            check(v.frameRate().isPresent() && v.frameRate().get() > 0, where + " has no FRAME-RATE (Apple 9.15)");
            check(v.bandwidth() > 0, where + " has no BANDWIDTH");
            check(v.averageBandwidth().isPresent(), where + " has no AVERAGE-BANDWIDTH (Apple 9.14)");
            long average = v.averageBandwidth().get();
            check(average > 0 && average <= v.bandwidth(),
                    where + " AVERAGE-BANDWIDTH " + average + " is not in 1..BANDWIDTH " + v.bandwidth());
            check(v.uri().endsWith("/index.m3u8") && !v.uri().startsWith("/") && !v.uri().contains(".."),
                    where + " is not <rendition>/index.m3u8");
            variants.add(new Variant(v.uri().substring(0, v.uri().indexOf('/')), v.uri(), v.bandwidth(), average,
                    List.copyOf(v.codecs()), v.resolution().get().width(), v.resolution().get().height(), v.frameRate().get()));
        }
        return variants;
    }

    // ---- media playlists ---------------------------------------------------------------------------------

    private static void checkMedia(Path streamDir, String uri, String text, MediaPlaylist playlist) {
        check(text.contains("\n#EXT-X-DISCONTINUITY-SEQUENCE:"), uri + " lacks EXT-X-DISCONTINUITY-SEQUENCE (Apple 8.17)");
        check(playlist.version().orElse(1) >= 3, uri + " has floating-point EXTINF but EXT-X-VERSION below 3");
        check(!playlist.mediaSegments().isEmpty(), uri + " lists no segment");
        checkDurations(uri, playlist);
        checkProgramDateTimes(uri, playlist);
        Path dir = streamDir.resolve(uri).getParent();
        checkWindow(uri, dir, playlist);
        for (MediaSegment segment : playlist.mediaSegments()) {
            checkSegmentFile(uri, dir, segment.uri());
        }
    }

    private static void checkDurations(String uri, MediaPlaylist playlist) {
        int target = playlist.targetDuration();
        for (MediaSegment s : playlist.mediaSegments()) {
            check(s.duration() > 0, uri + " " + s.uri() + " has EXTINF " + s.duration());
            check(Math.round(s.duration()) <= target, uri + " " + s.uri() + " EXTINF " + s.duration()
                    + " rounds above EXT-X-TARGETDURATION " + target + " (RFC 8216 §4.3.3.1)");
        }
    }

    private static void checkProgramDateTimes(String uri, MediaPlaylist playlist) {
        OffsetDateTime previous = null;
        for (MediaSegment s : playlist.mediaSegments()) {
            check(s.programDateTime().isPresent(), uri + " " + s.uri() + " has no EXT-X-PROGRAM-DATE-TIME (Apple 8.4)");
            OffsetDateTime pdt = s.programDateTime().get();
            check(previous == null || pdt.isAfter(previous), uri + " " + s.uri() + " EXT-X-PROGRAM-DATE-TIME " + pdt
                    + " does not come after the previous segment's " + previous);
            previous = pdt;
        }
    }

    /**
     * Fewer than 6 segments are allowed only while nothing has left the window yet. Segments that left are seen
     * by a positive discontinuity sequence or by retired segment files (numbered below the first listed one)
     * that the publisher keeps on disk.
     */
    private static void checkWindow(String uri, Path dir, MediaPlaylist playlist) {
        int count = playlist.mediaSegments().size();
        if (count >= MIN_LIVE_WINDOW) {
            return;
        }
        boolean slid = playlist.discontinuitySequence() > 0 || hasRetiredFiles(dir, playlist.mediaSegments().get(0).uri());
        check(!slid, uri + " lists " + count + " segments after segments left the window; a live window holds at least "
                + MIN_LIVE_WINDOW + " (Apple 8.11)");
    }

    private static boolean hasRetiredFiles(Path dir, String firstUri) {
        Matcher first = NUMBERED.matcher(firstUri);
        if (!first.matches()) {
            return false;
        }
        long firstNumber = Long.parseLong(first.group(1));
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> NUMBERED.matcher(f.getFileName().toString()))
                    .anyMatch(m -> m.matches() && Long.parseLong(m.group(1)) < firstNumber);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void checkSegmentFile(String playlistUri, Path dir, String segmentUri) {
        check(!segmentUri.contains("/") && !segmentUri.contains(".."), playlistUri + " segment URI " + segmentUri
                + " is not a file next to the playlist");
        Path file = dir.resolve(segmentUri);
        check(Files.isRegularFile(file), playlistUri + " lists " + segmentUri + ", which does not exist");
        TsInfo info = probe(playlistUri, file);
        check(info.startsWithIdr(), playlistUri + " " + segmentUri + " does not start with an IDR picture (Apple 7.4)");
    }

    // ---- across renditions and against the master --------------------------------------------------------

    private static void checkAlignment(Map<String, MediaPlaylist> media) {
        var first = media.entrySet().iterator().next();
        MediaPlaylist reference = first.getValue();
        for (var other : media.entrySet()) {
            String pair = other.getKey() + " vs " + first.getKey();
            MediaPlaylist p = other.getValue();
            check(p.targetDuration() == reference.targetDuration(), pair + ": EXT-X-TARGETDURATION differs (Apple 8.2)");
            check(p.mediaSequence() == reference.mediaSequence(), pair + ": EXT-X-MEDIA-SEQUENCE differs");
            check(p.discontinuitySequence() == reference.discontinuitySequence(), pair + ": EXT-X-DISCONTINUITY-SEQUENCE differs");
            check(uris(p).equals(uris(reference)), pair + ": different segment sequence numbers " + uris(p) + " vs " + uris(reference));
            check(discontinuities(p).equals(discontinuities(reference)), pair + ": discontinuities at different segments "
                    + discontinuities(p) + " vs " + discontinuities(reference) + " (Apple 8.15)");
            check(p.ongoing() == reference.ongoing(), pair + ": one has EXT-X-ENDLIST, the other not");
        }
    }

    /** The master must describe the newest segment: its picture size, and a codec at least as capable. */
    private static void checkSegmentsAgainstMaster(Path streamDir, Variant variant, MediaPlaylist playlist) {
        List<MediaSegment> segments = playlist.mediaSegments();
        Path newest = streamDir.resolve(variant.uri()).getParent().resolve(segments.get(segments.size() - 1).uri());
        TsInfo info = probe(variant.uri(), newest);
        Sps sps = info.parsedSps();
        String where = "master.m3u8 variant " + variant.uri();
        check(variant.width() == sps.width() && variant.height() == sps.height(), where + " RESOLUTION "
                + variant.width() + "x" + variant.height() + " but " + newest.getFileName() + " is " + sps.width() + "x" + sps.height());
        AvcCodec declared = AvcCodec.parse(variant.codecs().get(0));
        AvcCodec actual = AvcCodec.of(sps);
        check(declared.covers(actual), where + " CODECS " + declared + " does not cover " + actual + " of " + newest.getFileName());
        info.audio().ifPresent(audio -> check(variant.codecs().contains(CodecStrings.aac(audio)),
                where + " CODECS " + variant.codecs() + " lacks " + CodecStrings.aac(audio) + " although the segments carry AAC"));
    }

    private static Summary summarise(List<Variant> variants, MediaPlaylist playlist) {
        return new Summary(variants, playlist.mediaSegments().size(), playlist.mediaSequence(),
                playlist.discontinuitySequence(), playlist.targetDuration(), uris(playlist), discontinuities(playlist),
                !playlist.ongoing());
    }

    private static List<String> uris(MediaPlaylist playlist) {
        return playlist.mediaSegments().stream().map(MediaSegment::uri).toList();
    }

    private static List<Long> discontinuities(MediaPlaylist playlist) {
        List<Long> out = new ArrayList<>();
        List<MediaSegment> segments = playlist.mediaSegments();
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i).discontinuity()) {
                out.add(playlist.mediaSequence() + i);
            }
        }
        return out;
    }

    // ---- reading -----------------------------------------------------------------------------------------

    private record Snapshot(String master, Map<String, String> media) {
    }

    private static Snapshot readConsistently(Path streamDir) {
        Snapshot previous = read(streamDir);
        for (int attempt = 0; attempt < MAX_READ_ATTEMPTS; attempt++) {
            Snapshot current = read(streamDir);
            if (current.equals(previous)) {
                return current;
            }
            previous = current;
        }
        throw new AssertionError("playlists under " + streamDir + " kept changing during " + MAX_READ_ATTEMPTS + " reads");
    }

    private static Snapshot read(Path streamDir) {
        String master = readText(streamDir.resolve("master.m3u8"));
        Map<String, String> media = new LinkedHashMap<>();
        for (var variant : parseMaster(master).variants()) {
            check(!variant.uri().contains("..") && !variant.uri().startsWith("/"), "master.m3u8 variant URI " + variant.uri()
                    + " leaves the stream directory");
            media.put(variant.uri(), readText(streamDir.resolve(variant.uri())));
        }
        return new Snapshot(master, media);
    }

    private static String readText(Path file) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new AssertionError(file + " does not exist");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MasterPlaylist parseMaster(String text) {
        try {
            return new MasterPlaylistParser(ParsingMode.STRICT).readPlaylist(text);
        } catch (PlaylistParserException | RuntimeException e) {
            throw new AssertionError("master.m3u8 does not parse (STRICT): " + e.getMessage(), e);
        }
    }

    private static MediaPlaylist parseMedia(String uri, String text) {
        try {
            return new MediaPlaylistParser(ParsingMode.STRICT).readPlaylist(Objects.requireNonNull(text));
        } catch (PlaylistParserException | RuntimeException e) {
            throw new AssertionError(uri + " does not parse (STRICT): " + e.getMessage(), e);
        }
    }

    private static TsInfo probe(String playlistUri, Path file) {
        try {
            return TsProbe.probe(Files.readAllBytes(file));
        } catch (MalformedMediaException e) {
            throw new AssertionError(playlistUri + " " + file.getFileName() + " is not usable MPEG-TS: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void check(boolean rule, String message) {
        if (!rule) {
            throw new AssertionError("HLS rule violated: " + message);
        }
    }
}
