package dev.streamflow.bridge.node;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Files in the node's data directory: secrets are created owner-only (600) and written atomically. */
final class DataFiles {
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    private DataFiles() {
    }

    static void ensureDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
        } catch (FileAlreadyExistsException e) {
            throw new IOException(dir + " exists and is not a directory", e);
        }
    }

    /** Writes {@code bytes} to {@code target} with mode 600, never leaving a partial or world-readable file. */
    static void writeSecret(Path target, byte[] bytes) throws IOException {
        writeAtomically(target, bytes, true);
    }

    static void writePublic(Path target, byte[] bytes) throws IOException {
        writeAtomically(target, bytes, false);
    }

    private static void writeAtomically(Path target, byte[] bytes, boolean secret) throws IOException {
        Path temp = secret
                ? Files.createTempFile(target.getParent(), ".tmp-", "", PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE))
                : Files.createTempFile(target.getParent(), ".tmp-", "");
        try {
            Files.write(temp, bytes);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Refuses a secret that others can read: someone may have copied it. */
    static void checkOwnerOnly(Path file) throws IOException {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        if (!OWNER_ONLY_FILE.containsAll(permissions)) {
            throw new IOException(file + " has permissions " + PosixFilePermissions.toString(permissions)
                    + "; a secret must be readable by its owner only (chmod 600)");
        }
    }
}
