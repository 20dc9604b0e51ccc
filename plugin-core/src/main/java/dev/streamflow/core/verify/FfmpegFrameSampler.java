package dev.streamflow.core.verify;

import dev.streamflow.bridge.ffmpeg.FfmpegTools;
import dev.streamflow.core.media.TsInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Decodes the deep check's sample frames with the bundled {@code ffmpeg} in a subprocess, never in this JVM: a
 * crafted rendition that crashes or bloats the decoder must not take the host media server down (implementation
 * notes §10). The subprocess runs under {@code ulimit -v} and is killed at the timeout.
 *
 * <p>One run decodes the source once and every rendition, each only up to the last sampled frame, and writes
 * the sampled frames as raw luma (the source scaled to each rendition's size, bicubic like the engine); a second
 * pair of inputs per file, audio only, feeds {@code volumedetect} over the whole segment.
 */
final class FfmpegFrameSampler implements FrameSampler {
    private static final Logger log = LoggerFactory.getLogger(FfmpegFrameSampler.class);
    private static final int STDERR_TAIL = 600;

    private final FfmpegTools tools;
    private final DeepCheckSettings settings;
    private final Random random;

    FfmpegFrameSampler(FfmpegTools tools, DeepCheckSettings settings, Random random) {
        this.tools = tools;
        this.settings = settings;
        this.random = random;
    }

    @Override
    public DeepSample sample(Subject subject) throws DeepCheckException {
        List<Double> times = SampleTimes.choose(subject, settings, random);
        Path dir = workDir();
        try {
            Path stderr = dir.resolve("ffmpeg.log");
            run(command(subject, times, dir), stderr);
            return read(subject, times, dir, Files.readString(stderr));
        } catch (IOException e) {
            throw new DeepCheckException("deep check I/O in " + dir + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(dir);
        }
    }

    private Path workDir() throws DeepCheckException {
        try {
            return Files.createTempDirectory(settings.workDir(), "streamflow-verify-");
        } catch (IOException e) {
            throw new DeepCheckException("cannot create a deep-check directory in " + settings.workDir() + ": " + e.getMessage(), e);
        }
    }

    private List<String> command(Subject subject, List<Double> times, Path dir) throws IOException {
        int n = subject.renditionCount();
        Path source = Files.write(dir.resolve("source.ts"), subject.input().source().ts());
        List<Path> renditions = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            renditions.add(Files.write(dir.resolve("r" + i + ".ts"), subject.rendition(i)));
        }
        List<String> args = new ArrayList<>(List.of("-nostdin", "-y", "-loglevel", "info", "-nostats"));
        videoInput(args, source);
        renditions.forEach(r -> videoInput(args, r));
        boolean audio = subject.source().hasAudio();
        if (audio) {
            audioInput(args, source);
            for (int i = 0; i < n; i++) {
                audioInput(args, renditions.get(i));
            }
        }
        args.addAll(List.of("-filter_complex", videoGraph(subject, times)));
        if (audio) {
            args.addAll(List.of("-filter_complex", audioGraph(n)));
        }
        for (int i = 0; i < n; i++) {
            rawOutput(args, "s" + i, times.size(), dir.resolve("s" + i + ".gray"));
            rawOutput(args, "r" + i, times.size(), dir.resolve("r" + i + ".gray"));
        }
        if (audio) {
            for (int i = 0; i <= n; i++) {
                args.addAll(List.of("-map", "[a" + i + "]", "-f", "null", "-"));
            }
        }
        return args;
    }

    private static void videoInput(List<String> args, Path file) {
        args.addAll(List.of("-threads", "1", "-an", "-sn", "-dn", "-f", "mpegts", "-i", file.toString()));
    }

    private static void audioInput(List<String> args, Path file) {
        args.addAll(List.of("-vn", "-sn", "-dn", "-f", "mpegts", "-i", file.toString()));
    }

    private static void rawOutput(List<String> args, String label, int frames, Path file) {
        args.addAll(List.of("-map", "[" + label + "]", "-fps_mode", "passthrough", "-frames:v", Integer.toString(frames),
                "-f", "rawvideo", file.toString()));
    }

    /** Selects the frame nearest each sample time in every stream; the source is split and scaled per rendition. */
    private static String videoGraph(Subject subject, List<Double> times) {
        int n = subject.renditionCount();
        StringBuilder graph = new StringBuilder();
        graph.append("[0:v]setpts=PTS-STARTPTS,").append(select(times, 1.0 / subject.source().frameRate()))
                .append(",split=").append(n);
        for (int i = 0; i < n; i++) {
            graph.append("[src").append(i).append(']');
        }
        for (int i = 0; i < n; i++) {
            TsInfo info = subject.probe(i);
            var sps = subject.sps(i);
            double period = 1.0 / info.frameRate().orElse(subject.source().frameRate());
            graph.append(";[src").append(i).append("]scale=").append(sps.width()).append(':').append(sps.height())
                    .append(":flags=bicubic,format=gray[s").append(i).append(']');
            graph.append(";[").append(i + 1).append(":v]setpts=PTS-STARTPTS,").append(select(times, period))
                    .append(",format=gray[r").append(i).append(']');
        }
        return graph.toString();
    }

    /** Half-open windows one frame wide around each time: exactly one frame of a regular stream falls in each. */
    private static String select(List<Double> times, double period) {
        StringBuilder expression = new StringBuilder("select='");
        for (int k = 0; k < times.size(); k++) {
            double from = times.get(k) - period / 2;
            expression.append(k == 0 ? "" : "+").append(String.format(java.util.Locale.ROOT, "gte(t,%.6f)*lt(t,%.6f)", from, from + period));
        }
        return expression.append('\'').toString();
    }

    private static String audioGraph(int renditions) {
        int first = renditions + 1;
        StringBuilder graph = new StringBuilder();
        for (int i = 0; i <= renditions; i++) {
            graph.append(i == 0 ? "" : ";").append('[').append(first + i).append(":a]volumedetect@")
                    .append(i == 0 ? "src" : "r" + (i - 1)).append("[a").append(i).append(']');
        }
        return graph.toString();
    }

    private void run(List<String> args, Path stderr) throws IOException, DeepCheckException {
        Process process = limited(tools.ffmpeg(args)).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderr.toFile()).start();
        boolean finished;
        try {
            finished = process.waitFor(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new DeepCheckException("interrupted while decoding", e);
        }
        if (!finished) {
            process.destroyForcibly();
            throw new DeepCheckException("decoding took longer than " + settings.timeout().toMillis() + " ms; the decoder was killed", true);
        }
        if (process.exitValue() != 0) {
            throw new DeepCheckException("the decoder exited with " + process.exitValue() + ": " + tail(Files.readString(stderr)), true);
        }
    }

    /** {@code bash -c 'ulimit -v KiB && exec ffmpeg ...'}: the limit applies to ffmpeg alone, and its pid is the process's. */
    private ProcessBuilder limited(ProcessBuilder ffmpeg) {
        List<String> command = new ArrayList<>(List.of("bash", "-c", "ulimit -v " + settings.memoryLimitBytes() / 1024 + " && exec \"$@\"",
                "streamflow-deep-check"));
        command.addAll(ffmpeg.command());
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(ffmpeg.environment());
        // ffmpeg runs a thread per input, filter graph and output; glibc would reserve 64 MiB of address space for
        // each thread's arena, which counts against ulimit -v without ever being used.
        builder.environment().put("MALLOC_ARENA_MAX", "2");
        return builder;
    }

    private static DeepSample read(Subject subject, List<Double> times, Path dir, String stderr) throws IOException, DeepCheckException {
        List<DeepSample.RenditionSample> samples = new ArrayList<>();
        for (int i = 0; i < subject.renditionCount(); i++) {
            var sps = subject.sps(i);
            List<byte[]> source = frames(dir.resolve("s" + i + ".gray"), sps.width(), sps.height());
            List<byte[]> rendition = frames(dir.resolve("r" + i + ".gray"), sps.width(), sps.height());
            if (source.size() != times.size()) {
                throw new DeepCheckException("the source gave " + source.size() + " of " + times.size() + " sample frames", false);
            }
            if (rendition.size() != times.size()) {
                throw new DeepCheckException(subject.label(i) + " has " + rendition.size() + " of the " + times.size()
                        + " frames sampled at " + times + " s", true);
            }
            Optional<DeepSample.AudioLevel> audio = subject.source().hasAudio() ? VolumeLog.level(stderr, "r" + i) : Optional.empty();
            samples.add(new DeepSample.RenditionSample(sps.width(), sps.height(), source, rendition, audio));
        }
        Optional<DeepSample.AudioLevel> sourceAudio = subject.source().hasAudio() ? VolumeLog.level(stderr, "src") : Optional.empty();
        return new DeepSample(times, samples, sourceAudio);
    }

    /** Whole frames only; a trailing partial frame means the decoder produced another size, which is not a match. */
    private static List<byte[]> frames(Path file, int width, int height) throws IOException, DeepCheckException {
        byte[] raw = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
        int size = width * height;
        if (raw.length % size != 0) {
            throw new DeepCheckException("decoded frames of " + file.getFileName() + " are not " + width + "x" + height, true);
        }
        List<byte[]> frames = new ArrayList<>();
        for (int offset = 0; offset < raw.length; offset += size) {
            frames.add(java.util.Arrays.copyOfRange(raw, offset, offset + size));
        }
        return frames;
    }

    private static String tail(String text) {
        String trimmed = text.strip();
        return trimmed.length() <= STDERR_TAIL ? trimmed : "…" + trimmed.substring(trimmed.length() - STDERR_TAIL);
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            log.warn("cannot delete deep-check directory {}: {}", dir, e.getMessage());
        }
    }
}
