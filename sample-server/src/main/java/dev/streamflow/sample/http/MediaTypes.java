package dev.streamflow.sample.http;

import java.util.Map;
import java.util.Optional;

/** The HLS file types the server hands out, by extension; anything else is not served. */
final class MediaTypes {
    static final String PLAYLIST = "application/vnd.apple.mpegurl";

    private static final Map<String, String> BY_EXTENSION = Map.of(
            "m3u8", PLAYLIST,
            "ts", "video/mp2t",
            "m4s", "video/iso.segment",
            "mp4", "video/mp4",
            "aac", "audio/aac",
            "vtt", "text/vtt; charset=utf-8");

    private MediaTypes() {
    }

    static Optional<String> of(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? Optional.empty() : Optional.ofNullable(BY_EXTENSION.get(fileName.substring(dot + 1)));
    }

    static boolean isPlaylist(String contentType) {
        return PLAYLIST.equals(contentType);
    }
}
