package dev.streamflow.bridge.engine;

import dev.streamflow.bridge.testing.TestMedia;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Test sources derived from {@link TestMedia} clips with the bundled ffmpeg. */
final class Clips {
    private Clips() {
    }

    static byte[] bytes(TestMedia.Spec spec) throws IOException, InterruptedException {
        return Files.readAllBytes(TestMedia.ts(spec));
    }

    /** Cuts {@code clip} at its keyframes into segments of {@code seconds}, as a segmenter would (packet copy). */
    static List<byte[]> segments(Path clip, double seconds) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("segments-");
        try {
            TestMedia.tools().run(List.of("-loglevel", "error", "-i", clip.toString(), "-map", "0", "-c", "copy",
                    "-f", "segment", "-segment_time", Double.toString(seconds), "-segment_format", "mpegts",
                    dir.resolve("seg_%03d.ts").toString()));
            try (Stream<Path> files = Files.list(dir)) {
                List<Path> sorted = files.sorted().toList();
                List<byte[]> segments = new java.util.ArrayList<>();
                for (Path file : sorted) {
                    segments.add(Files.readAllBytes(file));
                }
                return segments;
            }
        } finally {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(dir);
        }
    }

    /** {@code clip} remuxed so that its earliest timestamp is 0 (no muxer delay). */
    static byte[] startingAtZero(Path clip) throws IOException, InterruptedException {
        Path out = Files.createTempFile("zero-", ".ts");
        try {
            TestMedia.tools().run(List.of("-loglevel", "error", "-y", "-i", clip.toString(), "-map", "0", "-c", "copy",
                    "-muxdelay", "0", "-muxpreload", "0", "-f", "mpegts", out.toString()));
            return Files.readAllBytes(out);
        } finally {
            Files.delete(out);
        }
    }

    /** {@code clip} with its video re-encoded to MPEG-2 with two B-frames per P-frame (dts runs behind pts). */
    static byte[] withBFrames(Path clip) throws IOException, InterruptedException {
        Path out = Files.createTempFile("b-frames-", ".ts");
        try {
            TestMedia.tools().run(List.of("-loglevel", "error", "-y", "-copyts", "-i", clip.toString(), "-map", "0",
                    "-c:v", "mpeg2video", "-bf", "2", "-g", "30", "-b:v", "2M", "-c:a", "copy",
                    "-f", "mpegts", "-mpegts_copyts", "1", out.toString()));
            return Files.readAllBytes(out);
        } finally {
            Files.delete(out);
        }
    }

    /** {@code clip} with its audio re-encoded to MPEG-1 Layer II, i.e. a source whose audio is not AAC. */
    static byte[] withMp2Audio(Path clip) throws IOException, InterruptedException {
        Path out = Files.createTempFile("mp2-audio-", ".ts");
        try {
            TestMedia.tools().run(List.of("-loglevel", "error", "-y", "-i", clip.toString(), "-map", "0",
                    "-c:v", "copy", "-c:a", "mp2", "-f", "mpegts", out.toString()));
            return Files.readAllBytes(out);
        } finally {
            Files.delete(out);
        }
    }
}
