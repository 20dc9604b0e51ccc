package dev.streamflow.sample.bridge;

import dev.streamflow.bridge.engine.EncoderChoice;
import dev.streamflow.bridge.engine.TranscodeEngine;
import dev.streamflow.bridge.node.BridgeConfig;
import dev.streamflow.bridge.node.BridgeNode;
import dev.streamflow.bridge.node.EngineTranscoder;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/**
 * A bridge node in this JVM on 127.0.0.1 (a free port, TLS, its key and certificate kept in its data directory).
 * The plugin reaches it through the orchestrator protocol like any other orchestrator.
 * <p>
 * It has its own engine rather than the plugin's: the plugin creates its engine inside its own wiring, and a node with
 * its own engine is what a separate bridge would be. An engine holds no threads while idle, and the plugin's only
 * works when the bridge cannot, so two of them do not double the work.
 */
public final class InProcessBridge implements AutoCloseable {
    private final BridgeNode node;
    private final CountingTranscoder transcoder;

    private InProcessBridge(BridgeNode node, CountingTranscoder transcoder) {
        this.node = node;
        this.transcoder = transcoder;
    }

    public static InProcessBridge start(Path dataDir) throws IOException {
        CountingTranscoder transcoder = new CountingTranscoder(new EngineTranscoder(new TranscodeEngine(EncoderChoice.detect())));
        BridgeConfig config = BridgeConfig.defaults(dataDir.toAbsolutePath()).withBindAddress("127.0.0.1").withPort(0);
        return new InProcessBridge(new BridgeNode(config, transcoder).start(), transcoder);
    }

    /** {@code https://127.0.0.1:PORT}. */
    public URI uri() {
        return node.uri();
    }

    /** Segments this bridge has transcoded since it started. */
    public long segmentsTranscoded() {
        return transcoder.segments();
    }

    @Override
    public void close() {
        node.close();
    }
}
