package dev.streamflow.core.hls;

import io.lindstrom.m3u8.model.MasterPlaylist;
import io.lindstrom.m3u8.model.MediaPlaylist;
import io.lindstrom.m3u8.model.Variant;
import io.lindstrom.m3u8.parser.MasterPlaylistParser;
import io.lindstrom.m3u8.parser.MediaPlaylistParser;
import io.lindstrom.m3u8.parser.ParsingMode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Reads what a publisher wrote under {@code <root>/live/demo}. */
record HlsTree(Path root) {

    Path streamDir() {
        return root.resolve("live").resolve("demo");
    }

    Path file(String relative) {
        return streamDir().resolve(relative);
    }

    String text(String relative) {
        try {
            return Files.readString(file(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    MediaPlaylist media(String rendition) {
        try {
            return new MediaPlaylistParser(ParsingMode.STRICT).readPlaylist(file(rendition + "/index.m3u8"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    MasterPlaylist master() {
        try {
            return new MasterPlaylistParser(ParsingMode.STRICT).readPlaylist(file("master.m3u8"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Variant variant(String rendition) {
        return master().variants().stream().filter(v -> v.uri().equals(rendition + "/index.m3u8")).findFirst().orElseThrow();
    }

    /** The inode of a file: it changes on every atomic replacement. */
    Object identity(String relative) {
        try {
            return Files.readAttributes(file(relative), BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Set<String> files(String rendition) {
        try (Stream<Path> files = Files.list(file(rendition))) {
            return files.map(f -> f.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code from.ts … to.ts} plus the playlist. */
    static Set<String> segmentFiles(long from, long to) {
        Set<String> names = LongStream.rangeClosed(from, to).mapToObj(i -> i + ".ts").collect(Collectors.toCollection(TreeSet::new));
        names.add("index.m3u8");
        return names;
    }

    static List<String> uris(long... sequences) {
        return LongStream.of(sequences).mapToObj(i -> i + ".ts").toList();
    }

    static List<String> uris(long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(i -> i + ".ts").toList();
    }

    void assertNoTemporaryFiles() {
        try (Stream<Path> all = Files.walk(root)) {
            List<String> stray = all.filter(Files::isRegularFile).map(Path::getFileName).map(Path::toString)
                    .filter(n -> !n.endsWith(".ts") && !n.endsWith(".m3u8") || n.startsWith(".")).toList();
            assertEquals(List.of(), stray, "only segments and playlists are left behind");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
