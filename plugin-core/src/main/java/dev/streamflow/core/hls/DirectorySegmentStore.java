package dev.streamflow.core.hls;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * A {@link SegmentStore} over a local directory. Writes go to a hidden temporary file in the target's own
 * directory and are then renamed over the target, which is atomic on one file system.
 */
public final class DirectorySegmentStore implements SegmentStore {
    private static final Pattern SEGMENT_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,254}");
    private static final String TEMP_PREFIX = ".tmp-";

    private final Path root;

    public DirectorySegmentStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    @Override
    public void write(String path, byte[] content) throws IOException {
        Path target = resolve(path);
        Files.createDirectories(target.getParent());
        // not Files.createTempFile: its 0600 mode would survive the rename and hide the file from a web server
        Path temp = target.resolveSibling(TEMP_PREFIX + target.getFileName() + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".part");
        try {
            Files.write(temp, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            move(temp, target);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    @Override
    public void delete(String path) throws IOException {
        Files.deleteIfExists(resolve(path));
    }

    /** The file a relative store path names; refuses anything that is not plain names joined by '/'. */
    Path resolve(String path) {
        if (path == null || path.isEmpty() || path.startsWith("/") || path.endsWith("/")) {
            throw new IllegalArgumentException("store path '" + path + "' must be relative and name a file");
        }
        Path resolved = root;
        for (String part : path.split("/", -1)) {
            if (!SEGMENT_NAME.matcher(part).matches() || part.equals(".") || part.equals("..")) {
                throw new IllegalArgumentException("store path '" + path + "' has a disallowed component '" + part + "'");
            }
            resolved = resolved.resolve(part);
        }
        if (!resolved.normalize().startsWith(root)) {
            throw new IllegalArgumentException("store path '" + path + "' escapes " + root);
        }
        return resolved;
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot replace " + target + " atomically: " + e.getMessage(), e);
        }
    }
}
