package dev.streamflow.core.ingest;

import java.util.regex.Pattern;

/**
 * Names one live stream on the host: its application (Red5 scope, Ant Media app) and its stream name.
 * Both end up in URLs and file paths, so they are restricted to a safe alphabet.
 */
public record StreamKey(String app, String stream) {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

    public StreamKey {
        requireSafe("app", app);
        requireSafe("stream", stream);
    }

    private static void requireSafe(String what, String value) {
        if (value == null || !SAFE.matcher(value).matches() || value.contains("..")) {
            throw new IllegalArgumentException(what + " name '" + value
                    + "' is not allowed: use 1-128 letters, digits, '_', '-' or '.', starting with a letter or digit");
        }
    }

    @Override
    public String toString() {
        return app + "/" + stream;
    }
}
