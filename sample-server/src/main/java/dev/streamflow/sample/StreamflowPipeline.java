package dev.streamflow.sample;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.streamflow.core.Streamflow;
import dev.streamflow.core.config.StreamflowConfig;
import dev.streamflow.core.ingest.IngestHook;
import dev.streamflow.sample.bridge.InProcessBridge;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The real Streamflow plugin: {@code Streamflow.start(StreamflowConfig.load(adminFile, overrides))}, and the
 * in-process bridge it sends segments to, if it has one.
 */
public final class StreamflowPipeline implements Pipeline {
    static final String HLS_DIRECTORY = "streamflow.hls.directory";

    private final Streamflow streamflow;
    private final Path hlsDirectory;
    private final Optional<InProcessBridge> bridge;

    private StreamflowPipeline(Streamflow streamflow, Path hlsDirectory, Optional<InProcessBridge> bridge) {
        this.streamflow = streamflow;
        this.hlsDirectory = hlsDirectory;
        this.bridge = bridge;
    }

    /**
     * Starts the plugin with the admin's HOCON file (if any) and {@code overrides} on top. HLS goes to
     * {@code defaultHlsDirectory} unless the admin file or the overrides name a directory.
     */
    public static StreamflowPipeline start(Optional<Path> adminFile, Map<String, Object> overrides, Path defaultHlsDirectory) {
        return start(adminFile, overrides, defaultHlsDirectory, Optional.empty());
    }

    /** As above, with a bridge the overrides point the plugin at; the pipeline owns it and closes it after the plugin. */
    static StreamflowPipeline start(Optional<Path> adminFile, Map<String, Object> overrides, Path defaultHlsDirectory,
                                    Optional<InProcessBridge> bridge) {
        Map<String, Object> effective = new HashMap<>(overrides);
        if (!effective.containsKey(HLS_DIRECTORY) && !adminFileSets(adminFile, HLS_DIRECTORY)) {
            effective.put(HLS_DIRECTORY, defaultHlsDirectory.toAbsolutePath().toString());
        }
        Config config = StreamflowConfig.load(adminFile, effective);
        Path hls = Path.of(config.getString(HLS_DIRECTORY)).toAbsolutePath();
        return new StreamflowPipeline(Streamflow.start(config), hls, bridge);
    }

    @Override
    public IngestHook ingest() {
        return streamflow.ingest();
    }

    @Override
    public Path hlsDirectory() {
        return hlsDirectory;
    }

    public Optional<InProcessBridge> bridge() {
        return bridge;
    }

    /** The plugin first, so that segments still in flight can finish on the bridge. */
    @Override
    public void close() {
        try {
            streamflow.close();
        } finally {
            bridge.ifPresent(InProcessBridge::close);
        }
    }

    private static boolean adminFileSets(Optional<Path> adminFile, String path) {
        if (adminFile.isEmpty()) {
            return false;
        }
        if (!Files.isRegularFile(adminFile.get())) {
            throw new IllegalArgumentException("config file " + adminFile.get() + " does not exist or is not a file");
        }
        return ConfigFactory.parseFile(adminFile.get().toFile()).hasPath(path);
    }
}
