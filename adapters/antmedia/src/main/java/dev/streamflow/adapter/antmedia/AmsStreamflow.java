package dev.streamflow.adapter.antmedia;

import dev.streamflow.core.Streamflow;
import dev.streamflow.core.config.StreamflowConfig;

import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;

/** Starts Streamflow for an Ant Media installation. */
public final class AmsStreamflow {
    private AmsStreamflow() {
    }

    /**
     * Reads {@code conf/streamflow.conf} when the admin wrote one, the defaults otherwise. The HLS directory is
     * always the installation's link directory, so every app's HLS lands in its own webapp ({@link AmsLayout}).
     */
    public static Streamflow start(AmsLayout layout) {
        return Streamflow.start(StreamflowConfig.load(
                Optional.of(layout.configFile()).filter(Files::isRegularFile),
                Map.of("streamflow.hls.directory", layout.hlsRoot().toString())));
    }
}
