package dev.streamflow.core.verify;

import dev.streamflow.bridge.engine.VideoProfile;
import dev.streamflow.bridge.testing.TestMedia;
import dev.streamflow.core.segment.Segment;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Verification CPU per segment as a share of the engine's own ladder CPU for the same segment, interleaved in one
 * run: engine ladder, cheap chain, cheap chain + deep check, repeated. CPU is this JVM's process CPU time plus the
 * CPU of the decode workers (every thread's {@code /proc/PID/task/TID/schedstat}, nanoseconds).
 * <pre>
 *   VerificationBenchmark [ROUNDS] [1080|240] [WINDOW_SECONDS]
 * </pre>
 */
public final class VerificationBenchmark {

    private VerificationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        boolean small = args.length > 1 && args[1].equals("240");
        TestMedia.Spec spec = small ? TestMedia.Spec.pattern(426, 240, 30, 2.0) : TestMedia.Spec.pattern(1920, 1080, 30, 2.0);
        List<VideoProfile> ladder = small ? VerifyFixtures.LADDER : VideoProfile.DEFAULT_LADDER;
        Segment segment = VerifyFixtures.segments(spec).get(0);
        DeepCheckSettings settings = args.length > 2
                ? DeepCheckSettings.defaults().withWindow(DeepCheckSettings.defaults().frames(), Double.parseDouble(args[2]))
                : DeepCheckSettings.defaults();
        DecodeWorkers workers = new DecodeWorkers(settings);
        Verifier verifier = new Verifier(Checks.cheap(), Checks.deep(ContentThresholds.calibrated()),
                new DeepSampling(new java.security.SecureRandom()), new WorkerFrameSampler(workers, settings, new java.security.SecureRandom()));
        System.out.printf("source %dx%d %.2f s, %d bytes; ladder %s; deep check %d frames within %.2f s; %d rounds after 3 warm-up%n",
                spec.width(), spec.height(), segment.durationSeconds(), segment.ts().length, ladder.stream().map(VideoProfile::name).toList(),
                settings.frames(), settings.windowSeconds(), rounds);
        List<double[]> samples = new ArrayList<>();
        for (int i = 0; i < rounds + 3; i++) {
            double[] engine = measure(workers, () -> VerifyFixtures.honest(segment, ladder));
            VerificationInput input = VerifyFixtures.honest(segment, ladder);
            double[] cheap = measure(workers, () -> require(verifier.verify(input.withDeepCheckOneIn(0))));
            double[] deep = measure(workers, () -> require(verifier.verify(input.withDeepCheckOneIn(1))));
            if (i >= 3) {
                samples.add(new double[]{engine[0], engine[1], cheap[0], cheap[1], deep[0], deep[1], deep[2]});
            }
        }
        verifier.close();
        report(samples);
    }

    private static Verdict require(Verdict verdict) {
        if (!verdict.accepted()) {
            throw new IllegalStateException("honest result rejected: " + verdict.toJson());
        }
        return verdict;
    }

    private interface Work {
        Object run() throws Exception;
    }

    /** {wall ms, CPU ms, of which decode workers ms} of one run. */
    private static double[] measure(DecodeWorkers workers, Work work) throws Exception {
        long wall = System.nanoTime();
        double jvm = jvmCpuMillis();
        double worker = workerCpuMillis(workers);
        work.run();
        double workerDelta = workerCpuMillis(workers) - worker;
        return new double[]{(System.nanoTime() - wall) / 1e6, jvmCpuMillis() - jvm + workerDelta, workerDelta};
    }

    private static double jvmCpuMillis() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return os.getProcessCpuTime() / 1e6;
    }

    /** The first field of each thread's schedstat is its time on a CPU in nanoseconds. */
    private static double workerCpuMillis(DecodeWorkers workers) throws Exception {
        double total = 0;
        for (long pid : workers.pids()) {
            try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
                for (Path task : tasks.toList()) {
                    String schedstat = Files.readString(task.resolve("schedstat"));
                    total += Long.parseLong(schedstat.substring(0, schedstat.indexOf(' '))) / 1e6;
                }
            }
        }
        return total;
    }

    private static void report(List<double[]> samples) {
        String[] names = {"engine ladder wall", "engine ladder CPU", "cheap chain wall", "cheap chain CPU", "cheap + deep wall", "cheap + deep CPU", "  of which worker"};
        for (int k = 0; k < names.length; k++) {
            final int column = k;
            double[] values = samples.stream().mapToDouble(s -> s[column]).sorted().toArray();
            System.out.printf("%-20s median %8.1f ms  [%.1f .. %.1f]%n", names[k], median(values), values[0], values[values.length - 1]);
        }
        System.out.printf("cheap / ladder CPU: median %.2f %%  (wall %.2f %%)%n", ratio(samples, 3, 1), ratio(samples, 2, 0));
        System.out.printf("deep  / ladder CPU: median %.2f %%  (wall %.2f %%)  [deep alone, without the cheap chain: %.2f %%]%n",
                ratio(samples, 5, 1), ratio(samples, 4, 0), deepAlone(samples));
        System.out.printf("amortised at the default 1 in 10: %.2f %% CPU%n", ratio(samples, 3, 1) + (deepAlone(samples)) / 10);
    }

    /** Median of the per-round ratios, in percent. */
    private static double ratio(List<double[]> samples, int numerator, int denominator) {
        return median(samples.stream().mapToDouble(s -> 100 * s[numerator] / s[denominator]).sorted().toArray());
    }

    private static double deepAlone(List<double[]> samples) {
        return median(samples.stream().mapToDouble(s -> 100 * (s[5] - s[3]) / s[1]).sorted().toArray());
    }

    private static double median(double[] sorted) {
        double[] copy = sorted.clone();
        Arrays.sort(copy);
        int n = copy.length;
        return n % 2 == 1 ? copy[n / 2] : (copy[n / 2 - 1] + copy[n / 2]) / 2;
    }
}
