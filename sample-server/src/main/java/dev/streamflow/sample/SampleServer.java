package dev.streamflow.sample;

import dev.streamflow.adapter.red5.Red5Ingest;
import dev.streamflow.bridge.ffmpeg.FfmpegTools;
import dev.streamflow.sample.demo.DemoClip;
import dev.streamflow.sample.demo.DemoPublisher;
import dev.streamflow.sample.http.WebServer;
import dev.streamflow.sample.red5.EmbeddedRed5;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Embedded Red5 feeding the pipeline, an HTTP server for its HLS and a player, and optionally the demo
 * publisher. Closing stops them in an order that lets every stream end cleanly.
 */
public final class SampleServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SampleServer.class);
    public static final String DEMO_STREAM = "demo";

    private final Pipeline pipeline;
    private final Red5Ingest ingest;
    private final EmbeddedRed5 red5;
    private final WebServer web;
    private final Optional<DemoPublisher> demo;

    private SampleServer(Pipeline pipeline, Red5Ingest ingest, EmbeddedRed5 red5, WebServer web,
                         Optional<DemoPublisher> demo) {
        this.pipeline = pipeline;
        this.ingest = ingest;
        this.red5 = red5;
        this.web = web;
        this.demo = demo;
    }

    /** Starts everything; on failure, what was started is stopped again. The server owns {@code pipeline}. */
    public static SampleServer start(Options options, Pipeline pipeline, DemoClip demoClip)
            throws IOException, InterruptedException {
        Red5Ingest ingest = new Red5Ingest(pipeline.ingest());
        Path dataDir = options.dataDir().toAbsolutePath();
        EmbeddedRed5 red5 = EmbeddedRed5.start(options.bind(), options.rtmpPort(), dataDir.resolve("red5"), ingest);
        WebServer web = null;
        try {
            String hint = "Publish to " + red5.rtmpUrl() + "/<stream-name>.";
            web = WebServer.start(options.bind(), options.httpPort(), pipeline.hlsDirectory(), ingest::activeStreams, hint);
            Optional<DemoPublisher> demo = Optional.empty();
            if (options.demo()) {
                FfmpegTools tools = FfmpegTools.locate();
                Path clip = demoClip.ensure(dataDir.resolve("demo"), tools);
                demo = Optional.of(DemoPublisher.start(tools, clip, red5.rtmpUrl() + "/" + DEMO_STREAM));
            }
            return new SampleServer(pipeline, ingest, red5, web, demo);
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (web != null) {
                web.close();
            }
            red5.close();
            throw e;
        }
    }

    public String rtmpUrl() {
        return red5.rtmpUrl();
    }

    public String httpUrl() {
        return web.baseUrl();
    }

    public int rtmpPort() {
        return red5.rtmpPort();
    }

    public int httpPort() {
        return web.port();
    }

    public String playerUrl(String stream) {
        return httpUrl() + "/player/" + EmbeddedRed5.APP + "/" + stream;
    }

    /** Demo publisher first, then every stream's output (flushed and ended), then HTTP, then Red5. */
    @Override
    public void close() {
        demo.ifPresent(DemoPublisher::close);
        ingest.closeAll();
        closeQuietly("the pipeline", pipeline);
        closeQuietly("HTTP", web);
        closeQuietly("Red5", red5);
        log.info("Sample server stopped");
    }

    private static void closeQuietly(String what, AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            log.warn("Stopping {} failed: {}", what, e.toString());
        }
    }
}
