package dev.streamflow.sample.http;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Maps the segments of a request path onto a file under a root directory. Only plain names are accepted
 * (letters, digits, '_', '-', '.', not starting with a dot), so "..", encoded slashes and hidden or temporary
 * files never reach the file system.
 */
final class SafePaths {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9_.-]{0,254}");

    private SafePaths() {
    }

    /** The file for these raw (undecoded) path segments, or empty when a segment is not a plain name. */
    static Optional<Path> resolve(Path root, List<String> rawSegments) {
        if (rawSegments.isEmpty()) {
            return Optional.empty();
        }
        Path normalizedRoot = root.toAbsolutePath().normalize();
        Path file = normalizedRoot;
        for (String segment : rawSegments) {
            if (!NAME.matcher(segment).matches() || segment.contains("..")) {
                return Optional.empty();
            }
            file = file.resolve(segment);
        }
        file = file.normalize();
        return file.startsWith(normalizedRoot) ? Optional.of(file) : Optional.empty();
    }

    /** The raw path after {@code prefix}, split on '/', ignoring one trailing slash. */
    static List<String> segmentsAfter(String rawPath, String prefix) {
        String rest = rawPath.substring(prefix.length());
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        return rest.isEmpty() ? List.of() : List.of(rest.split("/", -1));
    }
}
