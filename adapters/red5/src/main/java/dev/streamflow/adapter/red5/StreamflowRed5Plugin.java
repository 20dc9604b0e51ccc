package dev.streamflow.adapter.red5;

import dev.streamflow.core.Streamflow;
import dev.streamflow.core.ingest.StreamKey;
import org.red5.server.plugin.Red5Plugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The server-wide Red5 plugin, named by {@code Red5-Plugin-Main-Class} in the JAR's manifest. Red5's
 * PluginLauncher creates it, hands it the server and calls {@link #doStart()}; from then on every application's
 * published streams go to Streamflow, which transcodes the channels the admin enabled and leaves the others alone.
 * Red5's own handling of every stream (playback, recording) is untouched.
 */
public class StreamflowRed5Plugin extends Red5Plugin {
    public static final String NAME = "streamflow";
    private static final Logger log = LoggerFactory.getLogger(StreamflowRed5Plugin.class);

    private record Running(Streamflow streamflow, Red5Ingest ingest, BroadcastScopeListener listener) {
    }

    private final Red5Layout layout;
    private Running running;

    /** What Red5's PluginLauncher calls: the installation is {@code red5.root}. */
    public StreamflowRed5Plugin() {
        this(Red5Layout.fromSystemProperties());
    }

    public StreamflowRed5Plugin(Red5Layout layout) {
        this.layout = layout;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public synchronized void doStart() {
        if (running != null) {
            return;
        }
        Streamflow streamflow = Red5Streamflow.start(layout);
        Red5Ingest ingest = new Red5Ingest(streamflow.ingest());
        BroadcastScopeListener listener = new BroadcastScopeListener(ingest);
        server.addListener(listener);
        running = new Running(streamflow, ingest, listener);
        log.info("Streamflow started for Red5 at {} (configuration: {})", layout.root(), layout.configFile());
    }

    /** Called by Red5 at shutdown (PluginRegistry.shutdown): every stream's output is flushed and closed. */
    @Override
    public synchronized void doStop() {
        if (running == null) {
            return;
        }
        server.removeListener(running.listener());
        try {
            running.ingest().closeAll();
        } finally {
            running.streamflow().close();
            running = null;
        }
        log.info("Streamflow stopped");
    }

    /** The streams being ingested right now; for an application that looks the plugin up by {@link #NAME}. */
    public synchronized List<StreamKey> activeStreams() {
        return running == null ? List.of() : running.ingest().activeStreams();
    }
}
