package dev.streamflow.core.media;

import dev.streamflow.bridge.ffmpeg.FfmpegTools;
import dev.streamflow.bridge.testing.TestMedia;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Real media for the media and HLS tests, made by the bundled ffmpeg and described by the bundled ffprobe
 * (the independent opinion the pure-Java probes are compared with). Files are cached under
 * {@code target/test-media} like {@link TestMedia}'s.
 */
public final class MediaFixtures {
    private static final Path DIR = Path.of("target", "test-media", "core").toAbsolutePath();

    private MediaFixtures() {
    }

    public static FfmpegTools tools() {
        return TestMedia.tools();
    }

    public static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A TestMedia clip cut into ~2 s MPEG-TS segments at its keyframes, timestamps kept, in order. */
    public static synchronized List<Path> segments(TestMedia.Spec spec) throws IOException, InterruptedException {
        return segments(TestMedia.ts(spec), 2);
    }

    /** Any clip cut into segments of about {@code seconds} at its keyframes, timestamps kept, in order. */
    public static synchronized List<Path> segments(Path clip, double seconds) throws IOException, InterruptedException {
        String name = clip.getFileName().toString().replaceFirst("\\.ts$", "");
        Path dir = DIR.resolve("segments").resolve(name + "-" + seconds);
        Path done = dir.resolve("complete");
        if (!Files.exists(done)) {
            Files.createDirectories(dir);
            tools().run(List.of("-loglevel", "error", "-y", "-i", clip.toString(), "-map", "0", "-c", "copy",
                    "-f", "segment", "-segment_time", Double.toString(seconds), "-segment_format", "mpegts",
                    dir.resolve("%03d.ts").toString()));
            Files.createFile(done);
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".ts")).sorted().toList();
        }
    }

    /**
     * A clip encoded with explicit ffmpeg output options (test pattern + 440 Hz tone unless {@code audio} is
     * false), for what TestMedia does not offer: other profiles, frame rates, cuts.
     */
    public static synchronized Path encode(String name, String size, String rate, double seconds, boolean audio,
                                           List<String> videoOptions) throws IOException, InterruptedException {
        Files.createDirectories(DIR);
        Path out = DIR.resolve(name + ".ts");
        if (Files.exists(out)) {
            return out;
        }
        Path partial = DIR.resolve(name + ".partial.ts");
        List<String> args = new ArrayList<>(List.of("-loglevel", "error", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=" + size + ":rate=" + rate));
        if (audio) {
            args.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000"));
        }
        args.addAll(List.of("-t", Double.toString(seconds), "-map", "0:v"));
        if (audio) {
            args.addAll(List.of("-map", "1:a", "-c:a", "aac", "-b:a", "96k", "-ac", "2"));
        }
        args.addAll(List.of("-c:v", "libopenh264", "-pix_fmt", "yuv420p"));
        args.addAll(videoOptions);
        args.addAll(List.of("-f", "mpegts", partial.toString()));
        tools().run(args);
        Files.move(partial, out);
        return out;
    }

    /** Rewraps a file with ffmpeg ({@code -c copy} plus the given options), e.g. to drop a stream. */
    public static synchronized Path remux(Path in, String name, List<String> options) throws IOException, InterruptedException {
        Files.createDirectories(DIR);
        Path out = DIR.resolve(name + ".ts");
        if (!Files.exists(out)) {
            List<String> args = new ArrayList<>(List.of("-loglevel", "error", "-y", "-i", in.toString()));
            args.addAll(options);
            args.addAll(List.of("-f", "mpegts", out.toString()));
            tools().run(args);
        }
        return out;
    }

    /** 256x144, 1 s to 3 s of a clip with 2 s GOPs: starts with P pictures; the IDR (with SPS/PPS) is at 2 s. */
    public static Path midGopSegment() throws IOException, InterruptedException {
        return remux(TestMedia.ts(TestMedia.Spec.pattern(256, 144, 30, 4)), "midgop-256x144",
                List.of("-ss", "1", "-t", "2", "-copyinkf", "-c", "copy", "-map", "0"));
    }

    /** ffprobe's stream fields ({@code key=value}) of one stream, e.g. {@code v:0}. */
    public static Map<String, String> stream(Path file, String selector, String entries) throws IOException, InterruptedException {
        String out = tools().probe(List.of("-v", "error", "-select_streams", selector, "-show_entries", "stream=" + entries,
                "-of", "default=noprint_wrappers=1", file.toString()));
        Map<String, String> fields = new LinkedHashMap<>();
        out.lines().filter(l -> l.contains("=")).forEach(l -> fields.putIfAbsent(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
        return fields;
    }

    /** ffprobe's PTS of every packet of one stream, in file order. */
    public static List<Long> packetPts(Path file, String selector) throws IOException, InterruptedException {
        String out = tools().probe(List.of("-v", "error", "-select_streams", selector, "-show_entries", "packet=pts",
                "-of", "csv=p=0", file.toString()));
        return out.lines().map(l -> l.split(",")[0].trim()).filter(l -> !l.isEmpty()).map(Long::parseLong).toList();
    }

    /** ffprobe's key flag of the first video packet. */
    public static boolean firstPacketIsKey(Path file) throws IOException, InterruptedException {
        String out = tools().probe(List.of("-v", "error", "-select_streams", "v:0", "-show_entries", "packet=flags",
                "-read_intervals", "%+#1", "-of", "csv=p=0", file.toString()));
        return out.lines().findFirst().orElseThrow().startsWith("K");
    }
}
