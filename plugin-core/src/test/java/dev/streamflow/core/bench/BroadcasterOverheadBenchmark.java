package dev.streamflow.core.bench;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.streamflow.bridge.engine.EncoderChoice;
import dev.streamflow.bridge.engine.TranscodeEngine;
import dev.streamflow.bridge.engine.VideoProfile;
import dev.streamflow.bridge.node.BridgeConfig;
import dev.streamflow.bridge.node.BridgeNode;
import dev.streamflow.bridge.node.EngineTranscoder;
import dev.streamflow.bridge.node.SegmentTranscoder;
import dev.streamflow.bridge.testing.TestMedia;
import dev.streamflow.core.Streamflow;
import dev.streamflow.core.config.StreamflowConfig;
import dev.streamflow.core.hls.HlsPublisher;
import dev.streamflow.core.ingest.MediaPacket;
import dev.streamflow.core.ingest.StreamHandle;
import dev.streamflow.core.ingest.StreamKey;
import dev.streamflow.core.ingest.TimeBase;
import dev.streamflow.core.segment.Segmenter;
import dev.streamflow.core.testing.FilePackets;
import dev.streamflow.core.verify.Verifier;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;

/**
 * Broadcaster-side cost per segment (Offload issue, Benchmark): segmenting, signing, upload, download, the cheap
 * (structure) verification chain and HLS publishing, at 1, 10 and 50 concurrent live streams against a bridge node on
 * loopback. Not a test (never run by {@code mvn test}); run it by hand, see BENCHMARKS.md.
 *
 * <p>Set-up: a 360p30 source clip (testsrc2 + AAC, 2 s GOP) is made once and read into RTMP-like packets; every stream
 * feeds those packets into {@link dev.streamflow.core.ingest.IngestHook} in real time, paced by a scheduler (one
 * self-rescheduling task per stream, two feeder threads in all), stream starts spread evenly over one segment.
 * The ladder is one rendition, P144p30fps16x9. The bridge is a <em>separate JVM</em> on 127.0.0.1 (TLS, as a real
 * orchestrator), so none of its threads are counted here.
 *
 * <p>Bridge modes ({@code --mode}):
 * <ul>
 *   <li>{@code replay} (default): the bridge runs the real engine (source → 144p) the first time it sees a source
 *   segment and replays that real 144p rendition when the same source segment comes again (every stream feeds the
 *   same clip, so after the warm-up every segment is a cache hit). The broadcaster gets genuine, correctly sized 144p
 *   renditions that pass the whole cheap chain, while the 2 cores are not spent on 50 live transcodes. The bridge
 *   reports the time spent inside its {@link SegmentTranscoder} for every call; a miss in a measured level is printed.</li>
 *   <li>{@code echo}: the bridge's own {@code --echo} mode ({@code EchoTranscoder}: the source is returned as every
 *   rendition). The source is 640x360, so with a 144p ladder the verifier rejects every result (resolution check),
 *   excludes the bridge and transcodes locally: this mode only shows that. With {@code --ladder P360p30fps16x9}
 *   echo results pass.</li>
 * </ul>
 *
 * <p>Per segment: overhead = publication time (HlsPublisher's "published segment" event, after the playlists are
 * written) − cut time (the moment the feeder hands over the keyframe that completes the segment, i.e. before the
 * Segmenter sink runs, so segmenting is included). The time the bridge spends inside its transcoder is reported next
 * to it (it is ~0 for cache hits and echo, so the total is the overhead; it also contains the bridge's own HTTP and
 * signing work, which is not the broadcaster's).
 *
 * <p>CPU per stream: the CPU time of every thread of this JVM (the feeders, which run the segmenter as a host's ingest
 * threads do, the {@code streamflow-*} pools, the JDK HTTP client's threads, gRPC/Netty), sampled with
 * {@link ThreadMXBean} every 250 ms, except the benchmark's own sampler and bridge-log reader, over a window in which all
 * streams of the level are live, divided by that window and the stream count. The process CPU time (including GC and
 * JIT) is printed next to it.
 *
 * <pre>
 * java ... dev.streamflow.core.bench.BroadcasterOverheadBenchmark [--levels 1,10,50] [--seconds 32] [--mode replay|echo]
 *          [--ladder P144p30fps16x9] [--warmup-streams 4]
 * </pre>
 */
public final class BroadcasterOverheadBenchmark {
    private static final String PUBLISHED = "{}: published segment {} as media sequence {} ({} renditions{})";
    private static final long SEGMENT_MILLIS = 2000;
    private static final Set<String> NOT_BROADCASTER = Set.of("bench-cpu-sampler", "bench-bridge-log");

    private BroadcasterOverheadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = options(args);
        int[] levels = Arrays.stream(opts.getOrDefault("levels", "1,10,50").split(",")).mapToInt(Integer::parseInt).toArray();
        double seconds = Double.parseDouble(opts.getOrDefault("seconds", "32"));
        String mode = opts.getOrDefault("mode", "replay");
        String rung = opts.getOrDefault("ladder", "P144p30fps16x9");
        int warmupStreams = Integer.parseInt(opts.getOrDefault("warmup-streams", "4"));
        int maxLevel = Arrays.stream(levels).max().orElse(1);

        String loadBefore = loadAverage();
        System.out.printf("load average before: %s%n", loadBefore);
        System.out.printf("mode: %s; source 640x360 30 fps testsrc2 + AAC, %.0f s clip, 2 s GOP; ladder [%s]; levels %s%n",
                mode, seconds, rung, Arrays.toString(levels));

        quietLogs();
        Publications publications = new Publications();
        publications.attach();

        Path work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "broadcaster-bench-");
        List<MediaPacket> packets = FilePackets.read(TestMedia.flv(TestMedia.Spec.pattern(640, 360, 30, seconds)));
        Clip clip = new Clip(packets);
        System.out.printf("clip: %d packets, %d segments cut by keyframes (+1 flushed at close)%n", packets.size(), clip.cuts.length);

        int port = freePort();
        BridgeProcess bridge = BridgeProcess.start(mode, port, work.resolve("bridge"), maxLevel + 16);
        Runtime.getRuntime().addShutdownHook(new Thread(bridge::stop, "bench-bridge-stop"));
        bridge.awaitListening(Duration.ofSeconds(60));

        Streamflow streamflow = Streamflow.start(StreamflowConfig.load(Optional.empty(), Map.of(
                "streamflow.hls.directory", work.resolve("hls").toString(),
                "streamflow.ladder", List.of(rung),
                "streamflow.orchestrators", List.of("https://127.0.0.1:" + port),
                "streamflow.verification.rate", 0,
                "streamflow.verification.fault-directory", work.resolve("faults").toString())));
        Thread.sleep(2000); // the pool's first GetOrchestrator answer

        ScheduledThreadPoolExecutor feeders = new ScheduledThreadPoolExecutor(2, named("bench-feeder-"));
        CpuSampler cpu = new CpuSampler();
        cpu.start();
        try {
            System.out.printf("warm-up: %d streams (JIT, the first-orchestrator deep check, the replay cache in replay mode)%n", warmupStreams);
            Level warm = runLevel("warmup", warmupStreams, clip, streamflow, feeders, publications, bridge, cpu);
            warm.print("warm-up (not reported)");
            List<Level> results = new ArrayList<>();
            for (int n : levels) {
                Level level = runLevel("n" + n, n, clip, streamflow, feeders, publications, bridge, cpu);
                level.print(n + " stream(s)");
                results.add(level);
            }
            String loadAfter = loadAverage();
            System.out.println();
            System.out.printf("mode: %s; ladder [%s]; 640x360p30 sources; bridge: separate JVM on 127.0.0.1, TLS%n", mode, rung);
            System.out.println("| streams | segments (published/expected) | overhead p50 | p99 | max | p99 without each stream's first segment"
                    + " | bridge transcoder time p50 / max (misses) | broadcaster threads CPU per stream | process CPU per stream"
                    + " | bridge JVM CPU (cores) | other processes' CPU (cores) |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
            for (Level l : results) {
                System.out.println(l.row());
            }
            System.out.printf("load average before: %s; after: %s%n", loadBefore, loadAfter);
        } finally {
            feeders.shutdownNow();
            cpu.stop();
            streamflow.close();
            bridge.stop();
        }
        System.exit(0);
    }

    // ---- one level

    private static Level runLevel(String name, int streams, Clip clip, Streamflow streamflow, ScheduledExecutorService feeders,
                                  Publications publications, BridgeProcess bridge, CpuSampler cpu) throws InterruptedException {
        long stagger = TimeUnit.MILLISECONDS.toNanos(SEGMENT_MILLIS) / streams;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
        List<Feeder> all = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(streams);
        for (int i = 0; i < streams; i++) {
            StreamKey key = new StreamKey("bench", name + "-" + i);
            Feeder f = new Feeder(key, clip, streamflow.ingest().open(key), start + i * stagger, feeders, done);
            all.add(f);
            feeders.schedule(f, f.startNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        bridge.mark(name);
        // all streams are live from start + one segment until the first one ends (start + clip length)
        long windowFrom = start + TimeUnit.MILLISECONDS.toNanos(SEGMENT_MILLIS + 1000);
        long windowTo = start + TimeUnit.MILLISECONDS.toNanos(clip.lengthMillis - 1000);
        sleepUntil(windowFrom);
        CpuSampler.Snapshot a = cpu.snapshot();
        long bridgeFrom = bridge.cpuNanos();
        sleepUntil(windowTo);
        CpuSampler.Snapshot b = cpu.snapshot();
        long bridgeTo = bridge.cpuNanos();
        done.await();
        // the last segments (flushed at close) and the end of the HLS
        Thread.sleep(3000);
        Level level = new Level(streams, clip.cuts.length + 1);
        for (Feeder f : all) {
            for (int seq = 0; seq < clip.cuts.length; seq++) {
                Long published = publications.published(f.key, seq);
                if (published != null) {
                    level.publishedCount++;
                    level.overheads.add((published - f.cutNanos[seq]) / 1e6);
                    Long segmented = publications.segmented(f.key, seq);
                    Long verified = publications.verified(f.key, seq);
                    if (segmented != null && verified != null) {
                        level.segmenting.add((segmented - f.cutNanos[seq]) / 1e6);
                        level.remote.add((verified - segmented) / 1e6);
                        level.publishing.add((published - verified) / 1e6);
                    }
                    if (seq > 0) {
                        level.overheadsAfterFirst.add((published - f.cutNanos[seq]) / 1e6);
                    } else {
                        level.firstSegments.add((published - f.cutNanos[seq]) / 1e6);
                    }
                }
            }
            if (publications.published(f.key, clip.cuts.length) != null) {
                level.publishedCount++;
            }
        }
        level.cpu = b.minus(a, streams);
        level.bridgeCores = (double) (bridgeTo - bridgeFrom) / (b.wallNanos() - a.wallNanos());
        level.bridge = bridge.statsSince(name);
        return level;
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long left;
        while ((left = nanos - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    /** The packets of the clip and which packet indices cut a segment (the segmenter's rule: a keyframe ≥ 2 s on). */
    private static final class Clip {
        final List<MediaPacket> packets;
        final long[] dueMillis;
        final int[] cuts;
        final long lengthMillis;

        Clip(List<MediaPacket> packets) {
            this.packets = packets;
            this.dueMillis = new long[packets.size()];
            long first = -1;
            long last = 0;
            for (int i = 0; i < packets.size(); i++) {
                MediaPacket p = packets.get(i);
                long ms = p.timeBase().rescale(p.dts(), TimeBase.MILLIS);
                if (first < 0 && !p.config()) {
                    first = ms;
                }
                dueMillis[i] = first < 0 ? 0 : Math.max(0, ms - first);
                last = Math.max(last, dueMillis[i]);
            }
            this.lengthMillis = last;
            List<Integer> cutList = new ArrayList<>();
            long segmentStart = Long.MIN_VALUE;
            for (int i = 0; i < packets.size(); i++) {
                MediaPacket p = packets.get(i);
                if (!p.isVideo() || !p.keyframe() || p.config()) {
                    continue;
                }
                long pts = p.timeBase().rescale(p.pts(), TimeBase.MILLIS);
                if (segmentStart == Long.MIN_VALUE) {
                    segmentStart = pts;
                } else if (pts - segmentStart >= SEGMENT_MILLIS - 17) {
                    cutList.add(i);
                    segmentStart = pts;
                }
            }
            this.cuts = cutList.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /** One live publisher: hands each packet over when it is due, then reschedules itself for the next one. */
    private static final class Feeder implements Runnable {
        final StreamKey key;
        final Clip clip;
        final StreamHandle handle;
        final long startNanos;
        final ScheduledExecutorService scheduler;
        final CountDownLatch done;
        final long[] cutNanos;
        int next;
        int nextCut;

        Feeder(StreamKey key, Clip clip, StreamHandle handle, long startNanos, ScheduledExecutorService scheduler, CountDownLatch done) {
            this.key = key;
            this.clip = clip;
            this.handle = handle;
            this.startNanos = startNanos;
            this.scheduler = scheduler;
            this.done = done;
            this.cutNanos = new long[clip.cuts.length];
        }

        @Override
        public void run() {
            try {
                long now = System.nanoTime();
                while (next < clip.packets.size() && due(next) <= now) {
                    if (nextCut < clip.cuts.length && clip.cuts[nextCut] == next) {
                        cutNanos[nextCut++] = System.nanoTime();
                    }
                    handle.packet(clip.packets.get(next++));
                }
                if (next == clip.packets.size()) {
                    handle.close();
                    done.countDown();
                    return;
                }
                scheduler.schedule(this, due(next) - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (RuntimeException e) {
                e.printStackTrace();
                done.countDown();
            }
        }

        private long due(int index) {
            return startNanos + TimeUnit.MILLISECONDS.toNanos(clip.dueMillis[index]);
        }
    }

    // ---- results

    private static final class Level {
        final int streams;
        final int segmentsPerStream;
        final List<Double> overheads = new ArrayList<>();
        final List<Double> overheadsAfterFirst = new ArrayList<>();
        final List<Double> firstSegments = new ArrayList<>();
        final List<Double> segmenting = new ArrayList<>();
        final List<Double> remote = new ArrayList<>();
        final List<Double> publishing = new ArrayList<>();
        int publishedCount;
        CpuSampler.Usage cpu;
        BridgeProcess.Stats bridge;
        double bridgeCores;

        Level(int streams, int segmentsPerStream) {
            this.streams = streams;
            this.segmentsPerStream = segmentsPerStream;
        }

        void print(String title) {
            System.out.printf(Locale.ROOT, "%s: %d/%d segments published; overhead ms p50 %.1f p90 %.1f p99 %.1f max %.1f"
                            + " (p99 without first segments %.1f); CPU per stream: threads %.2f %% of a core, process %.2f %%;"
                            + " bridge transcoder %s%n",
                    title, publishedCount, streams * segmentsPerStream, pct(overheads, 50), pct(overheads, 90), pct(overheads, 99),
                    pct(overheads, 100), pct(overheadsAfterFirst, 99), cpu.threadsPercentPerStream(), cpu.processPercentPerStream(), bridge);
            System.out.printf(Locale.ROOT, "  stages p50 / p99 ms (%d segments with all three marks): cut -> segment handed to the dispatcher"
                            + " %.1f / %.1f; -> verdict (upload, bridge, download, cheap chain) %.1f / %.1f; -> published (HLS write) %.1f / %.1f%n",
                    segmenting.size(), pct(segmenting, 50), pct(segmenting, 99), pct(remote, 50), pct(remote, 99), pct(publishing, 50),
                    pct(publishing, 99));
            System.out.printf(Locale.ROOT, "  each stream's first segment (new session): p50 %.1f, max %.1f ms; later segments p50 %.1f, p99 %.1f, max %.1f ms%n",
                    pct(firstSegments, 50), pct(firstSegments, 100), pct(overheadsAfterFirst, 50), pct(overheadsAfterFirst, 99),
                    pct(overheadsAfterFirst, 100));
            System.out.println("  CPU by thread group in the window (ms): " + cpu.groups());
            System.out.printf(Locale.ROOT, "  machine busy in the window: %.2f cores, of which this JVM %.2f, the bridge JVM %.2f, anything else %.2f%n",
                    cpu.machineBusyCores(), (double) cpu.processCpuNanos() / cpu.wallNanos(), bridgeCores,
                    cpu.otherProcessesCores() - bridgeCores);
        }

        String row() {
            return String.format(Locale.ROOT, "| %d | %d/%d | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %s | **%.2f %%** | %.2f %% | %.2f | %.2f |",
                    streams, publishedCount, streams * segmentsPerStream, pct(overheads, 50), pct(overheads, 99), pct(overheads, 100),
                    pct(overheadsAfterFirst, 99), bridge.shortText(), cpu.threadsPercentPerStream(), cpu.processPercentPerStream(),
                    bridgeCores, cpu.otherProcessesCores() - bridgeCores);
        }
    }

    static double pct(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    // ---- publication times, from HlsPublisher's own "published" event (logged after the playlists are written)

    private static final class Publications extends AppenderBase<ILoggingEvent> {
        private final Map<String, Long> published = new ConcurrentHashMap<>();
        /** When the Segmenter handed the finished segment to its sink (its debug line comes just before). */
        private final Map<String, Long> segmented = new ConcurrentHashMap<>();
        /** Per thread: the sequence and time of the last accepted verdict (the Verifier's line names no stream). */
        private final Map<Thread, long[]> lastVerdict = new ConcurrentHashMap<>();
        private final Map<String, Long> verified = new ConcurrentHashMap<>();
        private final AtomicInteger gaps = new AtomicInteger();

        void attach() {
            setContext(((Logger) LoggerFactory.getLogger(HlsPublisher.class)).getLoggerContext());
            setName("bench-publications");
            start();
            for (Class<?> source : List.of(HlsPublisher.class, Segmenter.class, Verifier.class)) {
                Logger logger = (Logger) LoggerFactory.getLogger(source);
                logger.setLevel(ch.qos.logback.classic.Level.DEBUG);
                logger.setAdditive(false);
                logger.addAppender(this);
            }
        }

        @Override
        protected void append(ILoggingEvent event) {
            long now = System.nanoTime();
            Object[] args = event.getArgumentArray();
            String message = event.getMessage();
            if (event.getLevel() == ch.qos.logback.classic.Level.DEBUG && args != null && args.length >= 2) {
                if (PUBLISHED.equals(message)) {
                    String key = args[0] + "#" + args[1];
                    published.put(key, now);
                    long[] verdict = lastVerdict.remove(Thread.currentThread());
                    if (verdict != null && verdict[0] == ((Number) args[1]).longValue()) {
                        verified.put(key, verdict[1]);
                    }
                } else if (event.getLoggerName().equals(Segmenter.class.getName())) {
                    segmented.put(args[0] + "#" + args[1], now);
                } else if (event.getLoggerName().equals(Verifier.class.getName())) {
                    lastVerdict.put(Thread.currentThread(), new long[]{((Number) args[1]).longValue(), now});
                }
                return;
            }
            if (message != null && message.contains("skipped")) {
                gaps.incrementAndGet();
            }
            if (event.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.WARN)) {
                System.out.println(event.getLevel() + " [" + event.getThreadName() + "] " + event.getFormattedMessage());
            }
        }

        Long published(StreamKey key, long sequence) {
            return published.get(key + "#" + sequence);
        }

        Long segmented(StreamKey key, long sequence) {
            return segmented.get(key + "#" + sequence);
        }

        Long verified(StreamKey key, long sequence) {
            return verified.get(key + "#" + sequence);
        }
    }

    private static void quietLogs() {
        ((Logger) LoggerFactory.getLogger("dev.streamflow.core.channel")).setLevel(ch.qos.logback.classic.Level.WARN);
    }

    // ---- CPU of this JVM's threads

    private static final class CpuSampler {
        private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        private final com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        /** Latest CPU nanos seen per thread id (kept after the thread dies: it lost at most one sampling period). */
        private final Map<Long, Long> cpuById = new ConcurrentHashMap<>();
        private final Map<Long, String> nameById = new ConcurrentHashMap<>();
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-cpu-sampler");
            t.setDaemon(true);
            return t;
        });

        void start() {
            threads.setThreadCpuTimeEnabled(true);
            timer.scheduleAtFixedRate(this::sample, 0, 250, TimeUnit.MILLISECONDS);
        }

        void stop() {
            timer.shutdownNow();
        }

        private synchronized void sample() {
            for (long id : threads.getAllThreadIds()) {
                long t = threads.getThreadCpuTime(id);
                if (t < 0) {
                    continue;
                }
                cpuById.put(id, t);
                nameById.computeIfAbsent(id, i -> {
                    ThreadInfo info = threads.getThreadInfo(i);
                    return info == null ? "?" : info.getThreadName();
                });
            }
        }

        synchronized Snapshot snapshot() {
            sample();
            return new Snapshot(System.nanoTime(), os.getProcessCpuTime(), machineTicks(), new HashMap<>(cpuById), new HashMap<>(nameById));
        }

        /** {busy, total} jiffies of the whole machine, from /proc/stat. */
        private static long[] machineTicks() {
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long total = 0;
                for (int i = 1; i < f.length && i <= 8; i++) {
                    total += Long.parseLong(f[i]);
                }
                long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
                return new long[]{total - idle, total};
            } catch (IOException | RuntimeException e) {
                return new long[]{0, 0};
            }
        }

        record Snapshot(long wallNanos, long processCpuNanos, long[] machine, Map<Long, Long> cpu, Map<Long, String> names) {
            Usage minus(Snapshot earlier, int streams) {
                Map<String, Long> groups = new TreeMap<>();
                long total = 0;
                for (Map.Entry<Long, Long> e : cpu.entrySet()) {
                    String name = names.getOrDefault(e.getKey(), "?");
                    if (NOT_BROADCASTER.contains(name)) {
                        continue;
                    }
                    long delta = e.getValue() - earlier.cpu.getOrDefault(e.getKey(), 0L);
                    if (delta <= 0) {
                        continue;
                    }
                    total += delta;
                    groups.merge(group(name), delta / 1_000_000, Long::sum);
                }
                long busy = machine[0] - earlier.machine[0];
                long ticks = machine[1] - earlier.machine[1];
                double machineCores = ticks <= 0 ? Double.NaN : (double) busy / ticks * Runtime.getRuntime().availableProcessors();
                return new Usage(streams, wallNanos - earlier.wallNanos, total, processCpuNanos - earlier.processCpuNanos, machineCores, groups);
            }
        }

        record Usage(int streams, long wallNanos, long threadCpuNanos, long processCpuNanos, double machineBusyCores,
                     Map<String, Long> groups) {
            double otherProcessesCores() {
                return machineBusyCores - (double) processCpuNanos / wallNanos;
            }

            double threadsPercentPerStream() {
                return 100.0 * threadCpuNanos / wallNanos / streams;
            }

            double processPercentPerStream() {
                return 100.0 * processCpuNanos / wallNanos / streams;
            }
        }

        private static String group(String name) {
            return name.replaceAll("[-#]?\\d+", "*");
        }
    }

    // ---- the bridge, as a separate JVM

    private static final class BridgeProcess {
        private final Process process;
        private final int port;
        private final ConcurrentLinkedQueue<long[]> calls = new ConcurrentLinkedQueue<>();
        private final Map<String, Long> marks = new ConcurrentHashMap<>();
        private final AtomicLong lines = new AtomicLong();

        private BridgeProcess(Process process, int port) {
            this.process = process;
            this.port = port;
            Thread reader = new Thread(this::read, "bench-bridge-log");
            reader.setDaemon(true);
            reader.start();
        }

        static BridgeProcess start(String mode, int port, Path data, int maxSessions) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path")));
            if (mode.equals("echo")) {
                command.addAll(List.of("dev.streamflow.bridge.node.BridgeMain", "--echo", "--bind", "127.0.0.1", "--port",
                        Integer.toString(port), "--data", data.toString(), "--max-sessions", Integer.toString(maxSessions)));
            } else if (mode.equals("replay")) {
                command.addAll(List.of(ReplayBridge.class.getName(), Integer.toString(port), data.toString(), Integer.toString(maxSessions)));
            } else {
                throw new IllegalArgumentException("--mode replay|echo, not " + mode);
            }
            System.out.println("bridge: " + String.join(" ", command.subList(0, 2)) + " <classpath> " + String.join(" ", command.subList(3, command.size())));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            return new BridgeProcess(process, port);
        }

        void awaitListening(Duration within) throws InterruptedException {
            long deadline = System.nanoTime() + within.toNanos();
            while (System.nanoTime() < deadline) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                    return;
                } catch (IOException e) {
                    Thread.sleep(200);
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException("the bridge exited with " + process.exitValue());
                }
            }
            throw new IllegalStateException("the bridge is not listening on " + port);
        }

        private void read() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("TRANSCODE ")) {
                        String[] f = line.split(" ");
                        calls.add(new long[]{System.nanoTime(), Long.parseLong(f[2]), f[1].equals("miss") ? 1 : 0});
                    } else if (lines.incrementAndGet() < 40 || line.contains("ERROR") || line.contains("Exception")) {
                        System.out.println("  [bridge] " + line);
                    }
                }
            } catch (IOException e) {
                // the bridge stopped
            }
        }

        void mark(String level) {
            marks.put(level, System.nanoTime());
        }

        /** CPU time of the bridge JVM so far (utime + stime from /proc, 10 ms ticks), or -1. */
        long cpuNanos() {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }

        Stats statsSince(String level) {
            long from = marks.get(level);
            List<Double> millis = new ArrayList<>();
            int misses = 0;
            for (long[] c : calls) {
                if (c[0] >= from) {
                    millis.add(c[1] / 1e6);
                    misses += (int) c[2];
                }
            }
            return new Stats(millis.size(), pct(millis, 50), pct(millis, 100), misses);
        }

        record Stats(int calls, double p50Millis, double maxMillis, int misses) {
            @Override
            public String toString() {
                return String.format(Locale.ROOT, "%d calls, inside the transcoder p50 %.2f ms, max %.2f ms, %d real transcodes",
                        calls, p50Millis, maxMillis, misses);
            }

            String shortText() {
                return calls == 0 ? "n/a (echo: not measured, ~0)" : String.format(Locale.ROOT, "%.2f / %.2f ms (%d)", p50Millis, maxMillis, misses);
            }
        }

        void stop() {
            if (process.isAlive()) {
                process.destroy();
                try {
                    if (!process.waitFor(10, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    process.destroyForcibly();
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /**
     * The bridge JVM of {@code --mode replay}: a real {@link BridgeNode} whose transcoder runs the real engine the
     * first time it sees a source segment and returns that same real output when the identical source segment comes
     * again. Prints {@code TRANSCODE hit|miss NANOS} for every call (time inside the transcoder).
     */
    public static final class ReplayBridge {
        private ReplayBridge() {
        }

        public static void main(String[] args) throws Exception {
            int port = Integer.parseInt(args[0]);
            Path data = Path.of(args[1]);
            int maxSessions = Integer.parseInt(args[2]);
            BridgeConfig config = BridgeConfig.defaults(data).withBindAddress("127.0.0.1").withPort(port).withMaxSessions(maxSessions);
            SegmentTranscoder engine = new EngineTranscoder(new TranscodeEngine(EncoderChoice.detect()));
            Map<String, List<SegmentTranscoder.Output>> cache = new ConcurrentHashMap<>();
            SegmentTranscoder replay = (sourceTs, profiles, durationMillis) -> {
                long t0 = System.nanoTime();
                CRC32 crc = new CRC32();
                crc.update(sourceTs);
                String key = sourceTs.length + ":" + crc.getValue() + ":" + profiles.stream().map(VideoProfile::name).toList();
                List<SegmentTranscoder.Output> out = cache.get(key);
                boolean miss = out == null;
                if (miss) {
                    out = engine.transcode(sourceTs, profiles, durationMillis);
                    cache.put(key, out);
                }
                System.out.println("TRANSCODE " + (miss ? "miss" : "hit") + " " + (System.nanoTime() - t0));
                return out;
            };
            BridgeNode node = new BridgeNode(config, replay).start();
            Runtime.getRuntime().addShutdownHook(new Thread(node::close, "bridge-shutdown"));
            Thread.currentThread().join();
        }
    }

    // ---- small things

    private static ThreadFactoryImpl named(String prefix) {
        return new ThreadFactoryImpl(prefix);
    }

    private static final class ThreadFactoryImpl implements java.util.concurrent.ThreadFactory {
        private final String prefix;
        private final AtomicInteger next = new AtomicInteger();

        ThreadFactoryImpl(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, prefix + next.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            opts.put(args[i].substring(2), args[i + 1]);
        }
        return opts;
    }
}
