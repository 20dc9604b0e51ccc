package dev.streamflow.bridge.bench;

import dev.streamflow.bridge.engine.EncoderChoice;
import dev.streamflow.bridge.engine.H264Encoder;
import dev.streamflow.bridge.engine.Rendition;
import dev.streamflow.bridge.engine.TranscodeEngine;
import dev.streamflow.bridge.engine.TranscodeException;
import dev.streamflow.bridge.engine.VideoProfile;
import dev.streamflow.bridge.ffmpeg.FfmpegTools;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_license;
import static org.bytedeco.ffmpeg.global.avutil.av_version_info;

/**
 * Engine vs the bundled ffmpeg command line on one 2 s 1080p30 segment and the default ladder, in
 * alternating pairs (the machine's speed drifts, so only interleaved runs compare). Not a test: run it as
 * {@code java -cp <runtime classpath> dev.streamflow.bridge.bench.LadderBenchmark [pairs]}.
 *
 * <p>Engine CPU is the JVM's process CPU time around the call (encoder threads included); the command
 * line's CPU time and peak RSS come from GNU time ({@code /usr/bin/time -f "%U %S %M"}).
 */
public final class LadderBenchmark {
    private static final double SEGMENT_SECONDS = 2.0;
    private static final Path GNU_TIME = Path.of("/usr/bin/time");

    private final FfmpegTools tools;
    private final TranscodeEngine engine;
    private final Path workDir;
    private final List<VideoProfile> ladder = VideoProfile.DEFAULT_LADDER;

    private LadderBenchmark(FfmpegTools tools, TranscodeEngine engine, Path workDir) {
        this.tools = tools;
        this.engine = engine;
        this.workDir = workDir;
    }

    public static void main(String[] args) throws Exception {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        if (!Files.isExecutable(GNU_TIME)) {
            throw new IllegalStateException(GNU_TIME + " is needed to measure the command line's CPU time and peak RSS (Debian: apt-get install time)");
        }
        Path workDir = Files.createTempDirectory("ladder-benchmark-");
        try {
            new LadderBenchmark(FfmpegTools.locate(), new TranscodeEngine(EncoderChoice.detect()), workDir).run(pairs);
        } finally {
            try (Stream<Path> files = Files.walk(workDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private void run(int pairs) throws Exception {
        H264Encoder encoder = engine.encoder().encoder();
        Path source = makeSource(encoder);
        byte[] segment = Files.readAllBytes(source);
        List<Rendition> reference = engine.transcode(segment, ladder);
        List<String> cli = cliCommand(source, reference, encoder);

        printHeader(encoder, source, segment, reference, cli);
        engineRun(segment);
        cliRun(cli);

        List<Run> engineRuns = new ArrayList<>();
        List<Run> cliRuns = new ArrayList<>();
        for (int pair = 0; pair < pairs; pair++) {
            if (pair % 2 == 0) {
                engineRuns.add(engineRun(segment));
                cliRuns.add(cliRun(cli));
            } else {
                cliRuns.add(cliRun(cli));
                engineRuns.add(engineRun(segment));
            }
        }
        printResults(engineRuns, cliRuns);
    }

    /** The source segment: testsrc2 with a tone, as a live encoder would send it (x264 when the build has it). */
    private Path makeSource(H264Encoder encoder) throws IOException, InterruptedException {
        Path source = workDir.resolve("source_1080p30.ts");
        List<String> args = new ArrayList<>(List.of("-nostdin", "-loglevel", "error", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=1920x1080:rate=30",
                "-f", "lavfi", "-i", "sine=frequency=1000:sample_rate=48000",
                "-t", Double.toString(SEGMENT_SECONDS), "-map", "0:v", "-map", "1:a"));
        if (encoder == H264Encoder.X264) {
            args.addAll(List.of("-c:v", "libx264", "-preset", "veryfast", "-profile:v", "high", "-sc_threshold", "0"));
        } else {
            args.addAll(List.of("-c:v", "libopenh264", "-rc_mode", "bitrate", "-allow_skip_frames", "0"));
        }
        args.addAll(List.of("-pix_fmt", "yuv420p", "-b:v", "6M", "-maxrate", "6M", "-bufsize", "12M", "-g", "60",
                "-c:a", "aac", "-b:a", "128k", "-ar", "48000", "-ac", "2", "-f", "mpegts", source.toString()));
        tools.run(args);
        return source;
    }

    /** One decode, split, the engine's sizes, the engine's encoder and options, audio copied, timestamps kept. */
    private List<String> cliCommand(Path source, List<Rendition> sizes, H264Encoder encoder) {
        StringBuilder graph = new StringBuilder("[0:v]split=" + sizes.size());
        for (int i = 0; i < sizes.size(); i++) {
            graph.append("[v").append(i).append(']');
        }
        for (int i = 0; i < sizes.size(); i++) {
            Rendition r = sizes.get(i);
            graph.append(";[v").append(i).append("]scale=").append(r.width()).append(':').append(r.height())
                    .append(":flags=bicubic[o").append(i).append(']');
        }
        List<String> command = new ArrayList<>(List.of(tools.ffmpeg().toString(), "-hide_banner", "-nostdin", "-y",
                "-loglevel", "error", "-copyts", "-i", source.toString(), "-filter_complex", graph.toString()));
        int gop = sizes.get(0).frames();
        for (int i = 0; i < sizes.size(); i++) {
            command.addAll(List.of("-map", "[o" + i + "]", "-map", "0:a", "-c:v", encoder.codecName()));
            encoder.options(sizes.get(i).profile().bitrateKbps(), gop)
                    .forEach((key, value) -> command.addAll(List.of("-" + key + ":v", value)));
            command.addAll(List.of("-c:a", "copy", "-fps_mode", "passthrough", "-f", "mpegts", "-mpegts_copyts", "1",
                    workDir.resolve("cli_" + sizes.get(i).profile().name() + ".ts").toString()));
        }
        return command;
    }

    private Run engineRun(byte[] segment) throws TranscodeException {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long start = System.nanoTime();
        List<Rendition> renditions = engine.transcode(segment, ladder);
        long wall = System.nanoTime() - start;
        if (renditions.size() != ladder.size()) {
            throw new IllegalStateException("engine returned " + renditions.size() + " renditions");
        }
        return new Run(wall / 1_000_000.0, (os.getProcessCpuTime() - cpu) / 1_000_000.0, 0);
    }

    private Run cliRun(List<String> ffmpeg) throws IOException, InterruptedException {
        Path timing = workDir.resolve("time.txt");
        List<String> command = new ArrayList<>(List.of(GNU_TIME.toString(), "-f", "%U %S %M", "-o", timing.toString()));
        command.addAll(ffmpeg);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("LD_LIBRARY_PATH", tools.ffmpeg().getParent().toString());
        long start = System.nanoTime();
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        int rc = process.waitFor();
        long wall = System.nanoTime() - start;
        if (rc != 0) {
            throw new IOException("ffmpeg exited " + rc + ": " + output);
        }
        String[] fields = Files.readString(timing).strip().split("\\s+");
        double cpuMs = (Double.parseDouble(fields[0]) + Double.parseDouble(fields[1])) * 1000;
        return new Run(wall / 1_000_000.0, cpuMs, Long.parseLong(fields[2]));
    }

    private void printHeader(H264Encoder encoder, Path source, byte[] segment, List<Rendition> renditions, List<String> cli) {
        System.out.printf(Locale.ROOT, "FFmpeg %s, %s build (avcodec_license: %s)%n", av_version_info().getString(),
                EncoderChoice.license(), avcodec_license().getString());
        System.out.printf(Locale.ROOT, "encoder: %s (%s)%n", encoder.codecName(), engine.encoder().reason());
        System.out.printf(Locale.ROOT, "source: %s, %.1f s 1920x1080 30 fps testsrc2 + AAC, %d bytes%n",
                source.getFileName(), SEGMENT_SECONDS, segment.length);
        for (Rendition r : renditions) {
            System.out.printf(Locale.ROOT, "  rung %s: %dx%d %d kbps, %d frames, %d bytes%n", r.profile().name(), r.width(), r.height(),
                    r.profile().bitrateKbps(), r.frames(), r.ts().length);
        }
        System.out.println("CLI: " + String.join(" ", cli.subList(1, cli.size())).replace(workDir + "/", ""));
        System.out.println("CLI CPU and peak RSS: GNU time (" + GNU_TIME + " -f '%U %S %M'); engine CPU: JVM process CPU time around transcode()");
    }

    private static void printResults(List<Run> engineRuns, List<Run> cliRuns) {
        int pairs = engineRuns.size();
        double engineWall = median(engineRuns.stream().mapToDouble(Run::wallMs).toArray());
        double cliWall = median(cliRuns.stream().mapToDouble(Run::wallMs).toArray());
        double engineCpu = median(engineRuns.stream().mapToDouble(Run::cpuMs).toArray());
        double cliCpu = median(cliRuns.stream().mapToDouble(Run::cpuMs).toArray());
        double[] pairRatios = new double[pairs];
        for (int i = 0; i < pairs; i++) {
            pairRatios[i] = engineRuns.get(i).wallMs() / cliRuns.get(i).wallMs();
        }
        System.out.printf(Locale.ROOT, "%d alternating pairs (order swapped every pair), after warm-up (2 engine runs, 1 CLI run)%n", pairs);
        System.out.printf(Locale.ROOT, "engine: wall median %.0f ms [%.0f..%.0f], CPU median %.0f ms [%.0f..%.0f]%n",
                engineWall, min(engineRuns, Run::wallMs), max(engineRuns, Run::wallMs), engineCpu, min(engineRuns, Run::cpuMs), max(engineRuns, Run::cpuMs));
        System.out.printf(Locale.ROOT, "CLI:    wall median %.0f ms [%.0f..%.0f], CPU median %.0f ms [%.0f..%.0f]%n",
                cliWall, min(cliRuns, Run::wallMs), max(cliRuns, Run::wallMs), cliCpu, min(cliRuns, Run::cpuMs), max(cliRuns, Run::cpuMs));
        System.out.printf(Locale.ROOT, "engine/CLI: wall %.2f (median of per-pair ratios %.2f), CPU %.2f%n",
                engineWall / cliWall, median(pairRatios), engineCpu / cliCpu);
        System.out.printf(Locale.ROOT, "real-time factor (2 s / median wall): engine %.2fx, CLI %.2fx%n",
                SEGMENT_SECONDS * 1000 / engineWall, SEGMENT_SECONDS * 1000 / cliWall);
        System.out.printf(Locale.ROOT, "peak RSS: JVM VmHWM %d MB (whole run, /proc/self/status); CLI max RSS %d MB (largest of %d runs, GNU time %%M)%n",
                vmHwmKb() / 1024, cliRuns.stream().mapToLong(Run::maxRssKb).max().orElse(0) / 1024, pairs);
    }

    private static long vmHwmKb() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("VmHWM:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
                    .findFirst().orElse(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double min(List<Run> runs, java.util.function.ToDoubleFunction<Run> field) {
        return runs.stream().mapToDouble(field).min().orElse(Double.NaN);
    }

    private static double max(List<Run> runs, java.util.function.ToDoubleFunction<Run> field) {
        return runs.stream().mapToDouble(field).max().orElse(Double.NaN);
    }

    /** One timed run; {@code maxRssKb} only for the command line. */
    private record Run(double wallMs, double cpuMs, long maxRssKb) {
    }
}
