package dev.streamflow.sample.demo;

import dev.streamflow.bridge.ffmpeg.FfmpegTools;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Publishes the demo clip in an endless loop to an RTMP URL with the bundled ffmpeg, stream copy at the
 * clip's own pace. ffmpeg's {@code -stream_loop} shifts each pass by the clip's duration, so timestamps keep
 * increasing across loops. If ffmpeg exits while the server runs, the failure is logged and it is restarted.
 */
public final class DemoPublisher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DemoPublisher.class);
    static final long RESTART_DELAY_MILLIS = 2000;
    private static final int STDERR_LINES_KEPT = 5;

    private final FfmpegTools tools;
    private final Path clip;
    private final String url;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread supervisor;
    private volatile Process process;
    private volatile int starts;

    private DemoPublisher(FfmpegTools tools, Path clip, String url) {
        this.tools = tools;
        this.clip = clip;
        this.url = url;
        this.supervisor = new Thread(this::superviseUntilStopped, "demo-publisher");
        this.supervisor.setDaemon(true);
    }

    /** Starts publishing {@code clip} to {@code url} (e.g. rtmp://127.0.0.1:1935/live/demo). */
    public static DemoPublisher start(FfmpegTools tools, Path clip, String url) {
        DemoPublisher publisher = new DemoPublisher(tools, clip, url);
        publisher.supervisor.start();
        log.info("Demo publisher: looping {} to {}", clip.getFileName(), url);
        return publisher;
    }

    List<String> arguments() {
        return List.of("-nostdin", "-loglevel", "warning", "-re", "-stream_loop", "-1", "-i", clip.toString(),
                "-c", "copy", "-f", "flv", url);
    }

    /** How many times ffmpeg has been started (1 + restarts). */
    int starts() {
        return starts;
    }

    /** The running ffmpeg, if any (tests end it to see the restart). */
    Process process() {
        return process;
    }

    private void superviseUntilStopped() {
        while (stopped.getCount() > 0) {
            try {
                runOnce();
                if (stopped.await(RESTART_DELAY_MILLIS, TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void runOnce() throws InterruptedException {
        Deque<String> lastLines = new ArrayDeque<>();
        int exit;
        try {
            Process p;
            synchronized (this) {
                if (stopped.getCount() == 0) {
                    return;
                }
                p = tools.ffmpeg(arguments()).redirectErrorStream(true).start();
                process = p;
                starts++;
            }
            keepLastLines(p, lastLines);
            exit = p.waitFor();
        } catch (IOException e) {
            log.warn("Demo publisher: cannot start ffmpeg: {}; retrying in {} ms", e.getMessage(), RESTART_DELAY_MILLIS);
            return;
        }
        if (stopped.getCount() > 0) {
            log.warn("Demo publisher: ffmpeg exited with code {}{}; restarting in {} ms", exit,
                    lastLines.isEmpty() ? "" : " (" + String.join(" | ", lastLines) + ")", RESTART_DELAY_MILLIS);
        }
    }

    /** Reads ffmpeg's output to its end, keeping the last lines for the failure message. */
    private static void keepLastLines(Process p, Deque<String> lastLines) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
            for (String line; (line = out.readLine()) != null; ) {
                log.debug("demo ffmpeg: {}", line);
                lastLines.addLast(line.strip());
                if (lastLines.size() > STDERR_LINES_KEPT) {
                    lastLines.removeFirst();
                }
            }
        } catch (IOException e) {
            // the process ended; what it printed so far is kept
        }
    }

    @Override
    public void close() {
        Process p;
        synchronized (this) {
            stopped.countDown();
            p = process;
        }
        if (p != null) {
            p.destroy();
            try {
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        try {
            supervisor.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("Demo publisher stopped");
    }
}
