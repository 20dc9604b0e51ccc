package dev.streamflow.core.verify;

import dev.streamflow.bridge.testing.TestMedia;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A dark moving clip (the test pattern with luma squeezed into 16..~50) with a tone. {@code TestMedia.Content.DARK}
 * uses the {@code eq} filter, which the default LGPL FFmpeg build lacks, so the corpus makes its own with {@code lutyuv}.
 */
final class DarkClip {

    private DarkClip() {
    }

    static synchronized Path ts(int width, int height, double seconds) throws Exception {
        Path dir = Path.of("target", "test-media");
        Files.createDirectories(dir);
        Path out = dir.resolve("VERIFY_DARK_" + width + "x" + height + "_" + seconds + "s.ts").toAbsolutePath();
        if (Files.exists(out)) {
            return out;
        }
        Path partial = dir.resolve(out.getFileName() + ".partial.ts").toAbsolutePath();
        TestMedia.tools().run(List.of("-loglevel", "error", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=" + width + "x" + height + ":rate=30,lutyuv=y=16+(val-16)*0.15",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", Double.toString(seconds),
                "-map", "0:v", "-map", "1:a", "-c:a", "aac", "-b:a", "96k", "-ac", "2",
                "-c:v", "libopenh264", "-b:v", Math.max(300, width * height * 3 / 1000) + "k", "-g", "60", "-pix_fmt", "yuv420p",
                "-f", "mpegts", partial.toString()));
        Files.move(partial, out);
        return out;
    }
}
