package dev.streamflow.adapter.red5;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import dev.streamflow.core.Streamflow;
import dev.streamflow.core.config.StreamflowConfig;

import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;

/** Starts Streamflow for a Red5 installation. */
final class Red5Streamflow {
    static final String HLS_DIRECTORY = "streamflow.hls.directory";

    private Red5Streamflow() {
    }

    /**
     * Reads {@code conf/streamflow.conf} when the admin wrote one, the defaults otherwise. Red5 serves no HLS of
     * its own, so the HLS directory is the admin's choice; unless they made one it is below {@code red5.root}
     * rather than the defaults' path relative to whatever directory Red5 was started from.
     */
    static Streamflow start(Red5Layout layout) {
        return Streamflow.start(config(layout));
    }

    static Config config(Red5Layout layout) {
        Config config = StreamflowConfig.load(Optional.of(layout.configFile()).filter(Files::isRegularFile), Map.of());
        // Only the admin's file has a file name as its origin; the defaults come from a class path resource.
        boolean adminChoseHls = config.getValue(HLS_DIRECTORY).origin().filename() != null;
        return adminChoseHls ? config : config.withValue(HLS_DIRECTORY,
                ConfigValueFactory.fromAnyRef(layout.defaultHlsDirectory().toString()));
    }
}
