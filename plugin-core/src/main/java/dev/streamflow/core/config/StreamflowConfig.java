package dev.streamflow.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Loads Streamflow's configuration: overrides, then the admin's HOCON file, then the defaults in
 * {@code streamflow-reference.conf}. Only our own class loader and resource name are used, so a host's
 * reference.conf files (and its system properties) never leak in.
 */
public final class StreamflowConfig {
    private static final String DEFAULTS = "streamflow-reference.conf";

    private StreamflowConfig() {
    }

    public static Config load(Optional<Path> adminFile, Map<String, ?> overrides) {
        Config defaults = ConfigFactory.parseResources(StreamflowConfig.class.getClassLoader(), DEFAULTS,
                ConfigParseOptions.defaults().setAllowMissing(false));
        Config admin = adminFile.map(StreamflowConfig::parseAdminFile).orElse(ConfigFactory.empty());
        return ConfigFactory.parseMap(overrides, "overrides").withFallback(admin).withFallback(defaults).resolve();
    }

    private static Config parseAdminFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("config file " + file + " does not exist or is not a file");
        }
        return ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
    }
}
