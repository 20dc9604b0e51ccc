package dev.streamflow.bridge.ffmpeg;

import org.bytedeco.javacpp.Loader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code ffmpeg} and {@code ffprobe} executables that ship inside the bytedeco FFmpeg natives, so the
 * command line and the in-process engine run the very same libraries.
 *
 * <p>They link against the libraries beside them, so they run with {@code LD_LIBRARY_PATH} set to that
 * folder. Loading them pulls in libavdevice, which needs {@code libpulse.so.0} (Debian: libpulse0).
 */
public final class FfmpegTools {
    private final Path ffmpeg;
    private final Path ffprobe;

    private FfmpegTools(Path ffmpeg, Path ffprobe) {
        this.ffmpeg = ffmpeg;
        this.ffprobe = ffprobe;
    }

    /** Extracts (once per machine) and locates the bundled executables. */
    public static FfmpegTools locate() {
        try {
            return new FfmpegTools(Path.of(Loader.load(org.bytedeco.ffmpeg.ffmpeg.class)),
                    Path.of(Loader.load(org.bytedeco.ffmpeg.ffprobe.class)));
        } catch (UnsatisfiedLinkError e) {
            throw new IllegalStateException("cannot load the bundled FFmpeg tools (on Debian, install libpulse0): "
                    + e.getMessage(), e);
        }
    }

    public Path ffmpeg() {
        return ffmpeg;
    }

    public Path ffprobe() {
        return ffprobe;
    }

    /** A process builder for {@code ffmpeg args...} with the library path set. */
    public ProcessBuilder ffmpeg(List<String> args) {
        return command(ffmpeg, args);
    }

    /** A process builder for {@code ffprobe args...} with the library path set. */
    public ProcessBuilder ffprobe(List<String> args) {
        return command(ffprobe, args);
    }

    /** Runs {@code ffprobe} to completion and returns its standard output; fails with its standard error. */
    public String probe(List<String> args) throws IOException, InterruptedException {
        return run(ffprobe(args));
    }

    /** Runs {@code ffmpeg} to completion; fails with its standard error. */
    public void run(List<String> args) throws IOException, InterruptedException {
        run(ffmpeg(args));
    }

    private static String run(ProcessBuilder builder) throws IOException, InterruptedException {
        Process process = builder.redirectErrorStream(false).start();
        var stderr = new java.io.ByteArrayOutputStream();
        Thread drain = new Thread(() -> {
            try {
                process.getErrorStream().transferTo(stderr);
            } catch (IOException ignored) {
                // the process ended; what it printed so far is kept
            }
        });
        drain.start();
        String out = new String(process.getInputStream().readAllBytes());
        int rc = process.waitFor();
        drain.join();
        if (rc != 0) {
            throw new IOException(builder.command().get(0) + " exited " + rc + ": " + stderr);
        }
        return out;
    }

    private static ProcessBuilder command(Path exe, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(exe.toString());
        command.add("-hide_banner");
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("LD_LIBRARY_PATH", exe.getParent().toString());
        return builder;
    }
}
