package dev.streamflow.sample;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.streamflow.core.Streamflow;
import dev.streamflow.core.config.StreamflowConfig;
import dev.streamflow.core.ingest.IngestHook;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The real Streamflow plugin: {@code Streamflow.start(StreamflowConfig.load(adminFile, overrides))}. */
public final class StreamflowPipeline implements Pipeline {
    static final String HLS_DIRECTORY = "streamflow.hls.directory";

    private final Streamflow streamflow;
    private final Path hlsDirectory;

    private StreamflowPipeline(Streamflow streamflow, Path hlsDirectory) {
        this.streamflow = streamflow;
        this.hlsDirectory = hlsDirectory;
    }

    /**
     * Starts the plugin with the admin's HOCON file (if any) and {@code overrides} on top. HLS goes to
     * {@code defaultHlsDirectory} unless the admin file or the overrides name a directory.
     */
    public static StreamflowPipeline start(Optional<Path> adminFile, Map<String, Object> overrides, Path defaultHlsDirectory) {
        Map<String, Object> effective = new HashMap<>(overrides);
        if (!effective.containsKey(HLS_DIRECTORY) && !adminFileSets(adminFile, HLS_DIRECTORY)) {
            effective.put(HLS_DIRECTORY, defaultHlsDirectory.toAbsolutePath().toString());
        }
        Config config = StreamflowConfig.load(adminFile, effective);
        Path hls = Path.of(config.getString(HLS_DIRECTORY)).toAbsolutePath();
        return new StreamflowPipeline(Streamflow.start(config), hls);
    }

    @Override
    public IngestHook ingest() {
        return streamflow.ingest();
    }

    @Override
    public Path hlsDirectory() {
        return hlsDirectory;
    }

    @Override
    public void close() {
        streamflow.close();
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
