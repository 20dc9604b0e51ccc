package dev.streamflow.adapter.antmedia;

import dev.streamflow.core.Streamflow;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The one JVM-wide holder of the plugin's runtime, and the only static state in the Ant Media adapter.
 *
 * <p>Ant Media creates the plugin once per application (LiveApp, WebRTCAppEE, ...), but there must be one
 * engine, one orchestrator pool and one HLS root per server, not one per app (implementation-notes §13). The
 * first application to start starts the runtime, the others share it, and the last one to stop closes it.
 */
public final class SharedRuntime {
    private record Held(Streamflow runtime, int users) {
    }

    private static final AtomicReference<Held> HELD = new AtomicReference<>();

    private SharedRuntime() {
    }

    /** The running runtime, started with {@code start} when none is running. */
    public static synchronized Streamflow acquire(Supplier<Streamflow> start) {
        Held held = HELD.get();
        Held next = held == null ? new Held(start.get(), 1) : new Held(held.runtime(), held.users() + 1);
        HELD.set(next);
        return next.runtime();
    }

    /** One user fewer; the last one closes the runtime. */
    public static synchronized void release(Streamflow runtime) {
        Held held = HELD.get();
        if (held == null || held.runtime() != runtime) {
            return;
        }
        if (held.users() > 1) {
            HELD.set(new Held(runtime, held.users() - 1));
        } else {
            HELD.set(null);
            runtime.close();
        }
    }

    /** Whether a runtime is running (for tests and status). */
    public static boolean running() {
        return HELD.get() != null;
    }
}
