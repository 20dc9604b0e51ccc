package dev.streamflow.bridge.engine;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One rung of a transcoding ladder: the largest frame it may have, its frame rate and target bitrate.
 * The engine never upscales, so a rendition can come out smaller than {@code width x height}.
 */
public record VideoProfile(String name, int width, int height, int fps, int bitrateKbps) {

    public VideoProfile {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("profile name is empty");
        }
        if (width < 16 || height < 16 || width > 7680 || height > 4320) {
            throw new IllegalArgumentException("profile " + name + ": size " + width + "x" + height + " is outside 16x16..7680x4320");
        }
        if (fps < 1 || fps > 120) {
            throw new IllegalArgumentException("profile " + name + ": fps " + fps + " is outside 1..120");
        }
        if (bitrateKbps < 16 || bitrateKbps > 100_000) {
            throw new IllegalArgumentException("profile " + name + ": bitrate " + bitrateKbps + " kbps is outside 16..100000");
        }
    }

    /** The default Streamflow ladder: 720p30 3000 kbps, 480p30 1600 kbps, 360p30 800 kbps. */
    public static final List<VideoProfile> DEFAULT_LADDER = List.of(
            new VideoProfile("720p30", 1280, 720, 30, 3000),
            new VideoProfile("480p30", 854, 480, 30, 1600),
            new VideoProfile("360p30", 640, 360, 30, 800));

    /** go-livepeer's named profiles (lpms/ffmpeg/videoprofile.go), so its transcoding options are accepted as they are. */
    private static final Map<String, VideoProfile> LIVEPEER = Stream.of(
                    new VideoProfile("P720p60fps16x9", 1280, 720, 60, 6000),
                    new VideoProfile("P720p30fps16x9", 1280, 720, 30, 4000),
                    new VideoProfile("P720p25fps16x9", 1280, 720, 25, 3500),
                    new VideoProfile("P720p30fps4x3", 960, 720, 30, 3500),
                    new VideoProfile("P576p30fps16x9", 1024, 576, 30, 1500),
                    new VideoProfile("P576p25fps16x9", 1024, 576, 25, 1500),
                    new VideoProfile("P360p30fps16x9", 640, 360, 30, 1200),
                    new VideoProfile("P360p25fps16x9", 640, 360, 25, 1000),
                    new VideoProfile("P360p30fps4x3", 480, 360, 30, 1000),
                    new VideoProfile("P240p30fps16x9", 426, 240, 30, 600),
                    new VideoProfile("P240p25fps16x9", 426, 240, 25, 600),
                    new VideoProfile("P240p30fps4x3", 320, 240, 30, 600),
                    new VideoProfile("P144p30fps16x9", 256, 144, 30, 400),
                    new VideoProfile("P144p25fps16x9", 256, 144, 25, 400))
            .collect(Collectors.toUnmodifiableMap(p -> p.name().toLowerCase(Locale.ROOT), Function.identity()));

    /** Looks up one of go-livepeer's named profiles, case-insensitively. */
    public static Optional<VideoProfile> livepeer(String name) {
        return Optional.ofNullable(LIVEPEER.get(name.toLowerCase(Locale.ROOT)));
    }
}
