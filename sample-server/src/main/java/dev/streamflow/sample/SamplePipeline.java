package dev.streamflow.sample;

import com.typesafe.config.Config;
import dev.streamflow.core.config.StreamflowConfig;
import dev.streamflow.sample.bridge.InProcessBridge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts the plugin for the sample server, choosing where segments go: to {@code --orchestrators}; else to the
 * orchestrators (or webhook) the admin's configuration names; else to an in-process bridge, so that the default runs
 * the real remote path; with {@code --no-bridge}, nowhere but the local engine.
 */
public final class SamplePipeline {
    private static final Logger log = LoggerFactory.getLogger(SamplePipeline.class);
    static final String ORCHESTRATORS = "streamflow.orchestrators";
    static final String WEBHOOK = "streamflow.orchestrator-webhook";

    private SamplePipeline() {
    }

    /** {@code overrides} go on top of the admin's file, as in {@link StreamflowPipeline#start}. */
    public static StreamflowPipeline start(Options options, Map<String, Object> overrides) throws IOException {
        Map<String, Object> effective = new HashMap<>(overrides);
        if (!options.orchestrators().isEmpty()) {
            effective.put(ORCHESTRATORS, options.orchestrators().stream().map(URI::toString).toList());
            return plugin(options, effective, Optional.empty());
        }
        if (options.noBridge()) {
            effective.put(ORCHESTRATORS, List.of());
            effective.put(WEBHOOK, "");
            log.info("--no-bridge: the local engine transcodes every segment");
            return plugin(options, effective, Optional.empty());
        }
        if (namesOrchestrators(StreamflowConfig.load(options.config(), effective))) {
            return plugin(options, effective, Optional.empty());
        }
        InProcessBridge bridge = InProcessBridge.start(options.dataDir().resolve("bridge"));
        try {
            effective.put(ORCHESTRATORS, List.of(bridge.uri().toString()));
            log.info("no --orchestrators: using an in-process bridge at {}", bridge.uri());
            return plugin(options, effective, Optional.of(bridge));
        } catch (RuntimeException e) {
            bridge.close();
            throw e;
        }
    }

    private static StreamflowPipeline plugin(Options options, Map<String, Object> overrides, Optional<InProcessBridge> bridge) {
        return StreamflowPipeline.start(options.config(), overrides, options.dataDir().resolve("hls"), bridge);
    }

    private static boolean namesOrchestrators(Config config) {
        return !config.getStringList(ORCHESTRATORS).isEmpty() || !config.getString(WEBHOOK).isBlank();
    }
}
