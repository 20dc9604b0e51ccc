package dev.streamflow.core.config;

import dev.streamflow.core.ingest.StreamKey;

import java.util.regex.Pattern;

/**
 * One entry of {@code streamflow.channels}: the streams it selects, by app and stream-name patterns
 * ({@code *} any run of characters, {@code ?} one character), and whether they are transcoded and how.
 */
public record ChannelRule(String app, String streams, boolean enabled, ChannelPolicy policy) {

    public ChannelRule {
        requirePattern("app", app);
        requirePattern("streams", streams);
    }

    public boolean matches(StreamKey stream) {
        return glob(app).matcher(stream.app()).matches() && glob(streams).matcher(stream.stream()).matches();
    }

    private static void requirePattern(String what, String pattern) {
        if (pattern == null || pattern.isBlank() || !pattern.matches("[A-Za-z0-9_.*?-]{1,128}")) {
            throw new IllegalArgumentException("channel " + what + " pattern '" + pattern
                    + "' must be 1-128 letters, digits, '_', '-', '.', or the wildcards '*' and '?'");
        }
    }

    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
