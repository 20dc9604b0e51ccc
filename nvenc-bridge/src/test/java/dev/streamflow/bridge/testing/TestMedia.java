package dev.streamflow.bridge.testing;

import dev.streamflow.bridge.ffmpeg.FfmpegTools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Real test media, made by the bundled ffmpeg: a moving test pattern (or harder content) with a tone,
 * H.264 (openh264 in the LGPL build) and AAC, with a fixed keyframe interval. Clips are cached per JVM
 * run under {@code target/test-media} by their parameters.
 */
public final class TestMedia {

    /** What the picture shows: easy synthetic motion, noise, near-black, or a still image. */
    public enum Content {
        PATTERN("testsrc2=size=%dx%d:rate=%d"),
        NOISY("testsrc2=size=%dx%d:rate=%d,noise=alls=12:allf=t+u"),
        DARK("testsrc2=size=%dx%d:rate=%d,eq=brightness=-0.4"),
        STATIC("color=c=0x3070a0:size=%dx%d:rate=%d,drawgrid=w=64:h=64:t=2:c=white"),
        MANDELBROT("mandelbrot=size=%dx%d:rate=%d");

        private final String lavfi;

        Content(String lavfi) {
            this.lavfi = lavfi;
        }
    }

    /** A clip description; {@code keyframeSeconds} is the GOP length, {@code startSeconds} offsets all timestamps. */
    public record Spec(Content content, int width, int height, int fps, double seconds, double keyframeSeconds,
                       int videoKbps, boolean audio, double startSeconds) {

        public static Spec pattern(int width, int height, int fps, double seconds) {
            return new Spec(Content.PATTERN, width, height, fps, seconds, 2.0, bitrateFor(width, height), true, 0);
        }

        public Spec withContent(Content c) {
            return new Spec(c, width, height, fps, seconds, keyframeSeconds, videoKbps, audio, startSeconds);
        }

        public Spec withKeyframeSeconds(double k) {
            return new Spec(content, width, height, fps, seconds, k, videoKbps, audio, startSeconds);
        }

        public Spec withoutAudio() {
            return new Spec(content, width, height, fps, seconds, keyframeSeconds, videoKbps, false, startSeconds);
        }

        public Spec startingAt(double s) {
            return new Spec(content, width, height, fps, seconds, keyframeSeconds, videoKbps, audio, s);
        }

        String key() {
            return String.join("_", content.name(), width + "x" + height, fps + "fps", seconds + "s",
                    "k" + keyframeSeconds, videoKbps + "k", audio ? "a" : "na", "t" + startSeconds);
        }

        private static int bitrateFor(int width, int height) {
            return Math.max(300, width * height * 3 / 1000);
        }
    }

    private static final FfmpegTools TOOLS = FfmpegTools.locate();

    private TestMedia() {
    }

    public static FfmpegTools tools() {
        return TOOLS;
    }

    /** An MPEG-TS clip. */
    public static Path ts(Spec spec) throws IOException, InterruptedException {
        return make(spec, "mpegts", ".ts");
    }

    /** An FLV clip, as an RTMP publisher would send it. */
    public static Path flv(Spec spec) throws IOException, InterruptedException {
        return make(spec, "flv", ".flv");
    }

    private static synchronized Path make(Spec spec, String format, String suffix) throws IOException, InterruptedException {
        Path dir = Path.of("target", "test-media");
        Files.createDirectories(dir);
        Path out = dir.resolve(spec.key() + suffix).toAbsolutePath();
        if (Files.exists(out)) {
            return out;
        }
        Path partial = dir.resolve(spec.key() + ".partial" + suffix).toAbsolutePath();
        int gop = (int) Math.round(spec.keyframeSeconds() * spec.fps());
        List<String> args = new ArrayList<>(List.of("-loglevel", "error", "-y",
                "-f", "lavfi", "-i", String.format(spec.content().lavfi, spec.width(), spec.height(), spec.fps())));
        if (spec.audio()) {
            args.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000"));
        }
        args.addAll(List.of("-t", Double.toString(spec.seconds()), "-map", "0:v"));
        if (spec.audio()) {
            args.addAll(List.of("-map", "1:a", "-c:a", "aac", "-b:a", "96k", "-ac", "2"));
        }
        args.addAll(List.of("-c:v", "libopenh264", "-b:v", spec.videoKbps() + "k", "-g", Integer.toString(gop),
                "-pix_fmt", "yuv420p", "-output_ts_offset", Double.toString(spec.startSeconds()),
                "-f", format, partial.toString()));
        TOOLS.run(args);
        Files.move(partial, out);
        return out;
    }
}
