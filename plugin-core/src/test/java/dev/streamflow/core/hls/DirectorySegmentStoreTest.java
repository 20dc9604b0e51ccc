package dev.streamflow.core.hls;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DirectorySegmentStoreTest {
    @TempDir
    Path root;

    @Test
    void writesIntoNewDirectoriesAndLeavesNoTemporaryFiles() throws Exception {
        DirectorySegmentStore store = new DirectorySegmentStore(root);
        store.write("live/demo/720p30/42.ts", new byte[]{1, 2, 3});

        Path file = root.resolve("live/demo/720p30/42.ts");
        assertArrayEquals(new byte[]{1, 2, 3}, Files.readAllBytes(file));
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of("42.ts"), files.map(p -> p.getFileName().toString()).toList());
        }
        assertTrue(Files.getPosixFilePermissions(file).contains(PosixFilePermission.OTHERS_READ),
                "readable by a web server running as another user");
    }

    /** Replacing by rename: a reader that opened the old file still reads all of the old content. */
    @Test
    void replacesAtomically() throws Exception {
        DirectorySegmentStore store = new DirectorySegmentStore(root);
        store.write("a/index.m3u8", "old playlist".getBytes(StandardCharsets.UTF_8));
        Object before = Files.readAttributes(root.resolve("a/index.m3u8"), BasicFileAttributes.class).fileKey();
        try (InputStream reader = Files.newInputStream(root.resolve("a/index.m3u8"))) {
            store.write("a/index.m3u8", "the new playlist".getBytes(StandardCharsets.UTF_8));
            assertEquals("old playlist", new String(reader.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertEquals("the new playlist", Files.readString(root.resolve("a/index.m3u8")));
        Object after = Files.readAttributes(root.resolve("a/index.m3u8"), BasicFileAttributes.class).fileKey();
        assertNotEquals(before, after, "a new file took the name");
    }

    @Test
    void deletesAndToleratesMissingFiles() throws Exception {
        DirectorySegmentStore store = new DirectorySegmentStore(root);
        store.write("a/1.ts", new byte[]{1});
        store.delete("a/1.ts");
        store.delete("a/1.ts");
        store.delete("never/was.ts");
        assertFalse(Files.exists(root.resolve("a/1.ts")));
    }

    @Test
    void refusesPathsThatEscapeOrAreNotPlainNames() {
        DirectorySegmentStore store = new DirectorySegmentStore(root.resolve("hls"));
        for (String bad : List.of("../x.ts", "a/../../x.ts", "/etc/passwd", "a//b.ts", "a/./b.ts", "", "a/", ".hidden", "a\\b.ts")) {
            assertThrows(IllegalArgumentException.class, () -> store.write(bad, new byte[]{1}), bad);
            assertThrows(IllegalArgumentException.class, () -> store.delete(bad), bad);
        }
        assertFalse(Files.exists(root.resolve("x.ts")));
    }
}
