package dev.streamflow.adapter.wowza;

import dev.streamflow.core.Streamflow;
import dev.streamflow.core.config.StreamflowConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one JVM-wide Streamflow runtime of a Wowza server, and the only static state in the Wowza adapter: Wowza
 * creates the module once per application instance, but there must be one engine, one orchestrator pool and one
 * HLS root per server (implementation-notes §13). The first instance to start starts it, the last to stop closes it.
 */
public final class WowzaRuntime {
    private record Held(Streamflow streamflow, int users) {
    }

    private static final AtomicReference<Held> HELD = new AtomicReference<>();

    private WowzaRuntime() {
    }

    /** {@code [WSE]/conf/streamflow.conf}, unless the application sets {@code streamflowConfig}. */
    public static Path defaultConfigFile() {
        return Path.of(System.getProperty("com.wowza.wms.ConfigHome", "/usr/local/WowzaStreamingEngine"), "conf", "streamflow.conf");
    }

    /** The running runtime; the first call starts it from {@code configFile} (the defaults when it does not exist). */
    public static synchronized Streamflow acquire(Path configFile) {
        Held held = HELD.get();
        if (held == null) {
            held = new Held(Streamflow.start(StreamflowConfig.load(Optional.of(configFile).filter(Files::isRegularFile), Map.of())), 0);
        }
        HELD.set(new Held(held.streamflow(), held.users() + 1));
        return held.streamflow();
    }

    /** One user fewer; the last one closes the runtime. */
    public static synchronized void release() {
        Held held = HELD.get();
        if (held == null) {
            return;
        }
        if (held.users() > 1) {
            HELD.set(new Held(held.streamflow(), held.users() - 1));
        } else {
            HELD.set(null);
            held.streamflow().close();
        }
    }

    public static boolean running() {
        return HELD.get() != null;
    }
}
