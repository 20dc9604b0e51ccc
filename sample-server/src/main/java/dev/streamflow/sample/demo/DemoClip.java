package dev.streamflow.sample.demo;

import dev.streamflow.bridge.ffmpeg.FfmpegTools;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The demo's source: a moving test pattern with a tone, H.264/AAC in FLV, encoded once with the bundled
 * ffmpeg and kept in the data directory. Looping a short clip costs almost no CPU, where a live 1080p
 * encode would compete with the transcoder on a small machine.
 */
public record DemoClip(int width, int height, int fps, int seconds, int keyframeSeconds) {

    private static final Logger log = LoggerFactory.getLogger(DemoClip.class);

    /** 10 s of 1920x1080 at 30 fps with a keyframe every 2 s. */
    public static final DemoClip FULL_HD = new DemoClip(1920, 1080, 30, 10, 2);

    public DemoClip {
        if (seconds % keyframeSeconds != 0) {
            // the loop point must be a keyframe, or every loop would start with a broken GOP
            throw new IllegalArgumentException("clip length " + seconds + " s is not a multiple of the keyframe interval");
        }
    }

    /** The clip in {@code directory}, encoded now unless an earlier run left it there. */
    public Path ensure(Path directory, FfmpegTools tools) throws IOException, InterruptedException {
        Files.createDirectories(directory);
        Path clip = directory.resolve(String.format("demo-%dx%d-%dfps-%ds.flv", width, height, fps, seconds));
        if (Files.isRegularFile(clip) && Files.size(clip) > 0) {
            return clip;
        }
        String encoder = videoEncoder(tools);
        log.info("Encoding the {} s demo clip ({}x{}, {}) once into {}", seconds, width, height, encoder, clip);
        Path partial = directory.resolve(clip.getFileName() + ".partial");
        tools.run(arguments(encoder, partial));
        Files.move(partial, clip, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return clip;
    }

    List<String> arguments(String encoder, Path output) {
        int gop = fps * keyframeSeconds;
        return List.of("-nostdin", "-loglevel", "error", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=" + width + "x" + height + ":rate=" + fps,
                "-f", "lavfi", "-i", "sine=frequency=440:beep_factor=4:sample_rate=48000",
                "-t", Integer.toString(seconds), "-map", "0:v", "-map", "1:a",
                "-c:v", encoder, "-b:v", bitrateKbps() + "k", "-g", Integer.toString(gop),
                "-keyint_min", Integer.toString(gop), "-pix_fmt", "yuv420p",
                "-c:a", "aac", "-b:a", "128k", "-ac", "2",
                "-f", "flv", output.toString());
    }

    private int bitrateKbps() {
        return Math.max(300, width * height * fps / 15_000);
    }

    /** libx264 when the natives carry it (the -Pgpl build), else the LGPL build's libopenh264. */
    static String videoEncoder(FfmpegTools tools) throws IOException, InterruptedException {
        String encoders = new String(tools.ffmpeg(List.of("-encoders")).redirectErrorStream(true).start()
                .getInputStream().readAllBytes());
        return encoders.contains(" libx264 ") ? "libx264" : "libopenh264";
    }
}
