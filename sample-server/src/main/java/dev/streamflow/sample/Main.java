package dev.streamflow.sample;

import dev.streamflow.sample.demo.DemoClip;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** {@code java -jar sample-server.jar [--demo] ...}: see {@link Options#USAGE}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        int exit = run(args, System.out, System.err, stopped);
        if (exit != 0) {
            System.exit(exit);
        }
        stopped.await();
    }

    /**
     * Starts the server and returns 0 once it runs (it stops on SIGTERM / Ctrl-C, then counts down
     * {@code stopped}), or returns the exit code: 2 for a bad command line, 1 when it cannot start.
     */
    static int run(String[] args, PrintStream out, PrintStream err, CountDownLatch stopped) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (Options.UsageException e) {
            err.println("sample-server: " + e.getMessage());
            err.print(Options.USAGE);
            return 2;
        }
        if (options.help()) {
            out.print(Options.USAGE);
            stopped.countDown();
            return 0;
        }
        try {
            SampleServer server = startAndReport(options, out);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                stopped.countDown();
            }, "sample-server-shutdown"));
            return 0;
        } catch (Exception e) {
            err.println("sample-server: cannot start: " + rootMessage(e));
            return 1;
        }
    }

    /** Starts the server and prints where to publish and where to watch. */
    static SampleServer startAndReport(Options options, PrintStream out) throws Exception {
        SampleServer server = start(options);
        printWhereTo(out, options, server);
        return server;
    }

    private static SampleServer start(Options options) throws Exception {
        Pipeline pipeline = SamplePipeline.start(options, Map.<String, Object>copyOf(options.payments()));
        try {
            return SampleServer.start(options, pipeline, DemoClip.FULL_HD);
        } catch (Exception e) {
            pipeline.close();
            throw e;
        }
    }

    /** Spring wraps a failed start in layers of bean-creation messages; the innermost one says what is wrong. */
    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }

    private static void printWhereTo(PrintStream out, Options options, SampleServer server) {
        out.println("Streamflow sample server is running (Ctrl-C stops it).");
        if (options.demo()) {
            out.println("Player: " + server.playerUrl(SampleServer.DEMO_STREAM));
        } else {
            out.println("Publish: " + server.rtmpUrl() + "/<stream-name>   (e.g. ffmpeg ... -f flv "
                    + server.rtmpUrl() + "/cam1)");
            out.println("Player:  " + server.httpUrl() + "/player/live/<stream-name>");
        }
        out.println("Streams: " + server.httpUrl() + "/");
    }
}
