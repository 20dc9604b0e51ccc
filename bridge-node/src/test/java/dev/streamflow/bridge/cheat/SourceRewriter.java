package dev.streamflow.bridge.cheat;

import dev.streamflow.bridge.engine.TranscodeException;
import dev.streamflow.bridge.ffmpeg.FfmpegTools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Replaces the picture of a source segment while keeping its size, rate, timestamps and audio, with the bundled
 * ffmpeg: what a cheat then runs through the honest engine, so that only the content is wrong. The encoder works in
 * the 90 kHz time base and the muxer adds no delay, so every timestamp is the source's.
 */
final class SourceRewriter {
    private final FfmpegTools tools;

    SourceRewriter(FfmpegTools tools) {
        this.tools = tools;
    }

    /** The source with every frame filled black. */
    byte[] black(byte[] sourceTs) throws TranscodeException {
        return rewrite(sourceTs, facts -> List.of("-vf", "drawbox=x=0:y=0:w=iw:h=ih:t=fill:c=black"));
    }

    /** Another video (the Mandelbrot set zooming in) at the source's size, rate and start time. */
    byte[] differentVideo(byte[] sourceTs) throws TranscodeException {
        return rewrite(sourceTs, facts -> List.of(
                "-itsoffset", facts.start(), "-f", "lavfi", "-i", "mandelbrot=size=" + facts.width() + "x" + facts.height() + ":rate=" + facts.rate(),
                "-filter_complex", "[0:v][1:v]overlay=shortest=1[v]", "-map", "[v]"));
    }

    private record Facts(int width, int height, String rate, String start) {
    }

    private interface Picture {
        List<String> args(Facts facts);
    }

    private byte[] rewrite(byte[] sourceTs, Picture picture) throws TranscodeException {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("streamflow-cheat-");
            Path in = Files.write(dir.resolve("in.ts"), sourceTs);
            Path out = dir.resolve("out.ts");
            List<String> args = new ArrayList<>(List.of("-loglevel", "error", "-y", "-copyts", "-i", in.toString()));
            List<String> pictureArgs = picture.args(facts(in));
            boolean ownMap = pictureArgs.contains("-map");
            args.addAll(pictureArgs);
            if (!ownMap) {
                args.addAll(List.of("-map", "0:v"));
            }
            args.addAll(List.of("-map", "0:a?", "-c:a", "copy", "-c:v", "libopenh264", "-b:v", "2000k", "-g", "100000",
                    "-pix_fmt", "yuv420p", "-enc_time_base:v", "1:90000", "-muxdelay", "0", "-muxpreload", "0",
                    "-f", "mpegts", out.toString()));
            tools.run(args);
            return Files.readAllBytes(out);
        } catch (IOException e) {
            throw new TranscodeException("cheat could not rewrite the source: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TranscodeException("interrupted", e);
        } finally {
            delete(dir);
        }
    }

    private Facts facts(Path ts) throws IOException, InterruptedException {
        String out = tools.probe(List.of("-v", "error", "-select_streams", "v:0", "-show_entries",
                "stream=width,height,r_frame_rate,start_time", "-of", "default=noprint_wrappers=1", ts.toString()));
        java.util.Map<String, String> values = new java.util.HashMap<>();
        for (String line : out.split("\\R")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.putIfAbsent(line.substring(0, eq), line.substring(eq + 1).strip());
            }
        }
        return new Facts(Integer.parseInt(values.get("width")), Integer.parseInt(values.get("height")), values.get("r_frame_rate"),
                String.format(Locale.ROOT, "%.6f", Double.parseDouble(values.get("start_time"))));
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory of a test process
        }
    }
}
