package dev.streamflow.sample.testing;

import dev.streamflow.core.ingest.StreamKey;
import dev.streamflow.sample.Options;
import dev.streamflow.sample.SamplePipeline;
import dev.streamflow.sample.SampleServer;
import dev.streamflow.sample.StreamflowPipeline;
import dev.streamflow.sample.bridge.InProcessBridge;
import dev.streamflow.sample.demo.DemoClip;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sample server as {@code sample} starts it by default (the real Streamflow pipeline sending segments to an
 * in-process bridge), with a small ladder that fits two cores.
 */
public final class PipelineServer implements AutoCloseable {
    /** 360p30 at 800 kbps and 240p30 at 400 kbps. */
    public static final Map<String, Object> SMALL_LADDER = Map.of("streamflow.ladder", List.of(
            Map.of("name", "360p30", "width", 640, "height", 360, "fps", 30, "bitrate", "800k"),
            Map.of("name", "240p30", "width", 426, "height", 240, "fps", 30, "bitrate", "400k")));

    private final SampleServer server;
    private final StreamflowPipeline pipeline;

    private PipelineServer(SampleServer server, StreamflowPipeline pipeline) {
        this.server = server;
        this.pipeline = pipeline;
    }

    public static PipelineServer start(Path data) throws Exception {
        Options options = new Options(false, "127.0.0.1", 0, 0, data, Optional.empty(), List.of(), false, false);
        StreamflowPipeline pipeline = SamplePipeline.start(options, SMALL_LADDER);
        try {
            return new PipelineServer(SampleServer.start(options, pipeline, DemoClip.FULL_HD), pipeline);
        } catch (Exception e) {
            pipeline.close();
            throw e;
        }
    }

    public SampleServer server() {
        return server;
    }

    public InProcessBridge bridge() {
        return pipeline.bridge().orElseThrow();
    }

    public String rtmpUrl(String stream) {
        return server.rtmpUrl() + "/" + stream;
    }

    public Path streamDir(String stream) {
        StreamKey key = new StreamKey("live", stream);
        return pipeline.hlsDirectory().resolve(key.app()).resolve(key.stream());
    }

    @Override
    public void close() {
        server.close();
    }
}
