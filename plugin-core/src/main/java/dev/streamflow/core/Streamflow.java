package dev.streamflow.core;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.typesafe.config.Config;
import dev.streamflow.core.channel.Channels;
import dev.streamflow.core.channel.LiveStreams;
import dev.streamflow.core.config.Settings;
import dev.streamflow.core.dispatch.RemoteOrchestrators;
import dev.streamflow.core.ingest.IngestHook;
import dev.streamflow.core.verify.Verifier;

import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The plugin as a host sees it: started once per JVM from the {@code streamflow} configuration, it hands
 * out the {@link IngestHook} the host's adapter feeds, and stops its workers on {@link #close()}.
 */
public final class Streamflow implements AutoCloseable {
    private static final Key<Optional<RemoteOrchestrators>> REMOTE = new Key<>() {
    };
    private final Injector injector;

    private Streamflow(Injector injector) {
        this.injector = injector;
    }

    /** Starts the pipeline; a bad configuration fails here with the offending key in the message. */
    public static Streamflow start(Config config) {
        Injector injector = Guice.createInjector(new CoreModule(config));
        if (injector.getInstance(REMOTE).isPresent()) {
            injector.getInstance(Verifier.class).warmUp(); // only remote results are deep-checked
        }
        return new Streamflow(injector);
    }

    public IngestHook ingest() {
        return injector.getInstance(IngestHook.class);
    }

    /** Which streams are transcoded; a host's admin API enables and disables channels here at run time. */
    public Channels channels() {
        return injector.getInstance(Channels.class);
    }

    public LiveStreams streams() {
        return injector.getInstance(LiveStreams.class);
    }

    /** Ends every live stream (their HLS gets EXT-X-ENDLIST once in-flight segments finish) and stops the workers. */
    @Override
    public void close() {
        streams().closeAll();
        long graceMillis = injector.getInstance(Settings.class).transcodeDeadline().toMillis();
        ExecutorService local = injector.getInstance(Key.get(ExecutorService.class, LocalWorkers.class));
        ExecutorService remote = injector.getInstance(Key.get(ExecutorService.class, RemoteThreads.class));
        // the pool first: it stops asking, and its closed channels end any GetOrchestrator still waiting
        injector.getInstance(REMOTE).ifPresent(r -> r.pool().close());
        injector.getInstance(ScheduledExecutorService.class).shutdownNow();
        local.shutdown();
        remote.shutdown();
        awaitOrStop(local, graceMillis);
        awaitOrStop(remote, graceMillis);
        injector.getInstance(Verifier.class).close();
    }

    /** In-flight segments finish within their deadline; then whatever is left is interrupted. */
    private static void awaitOrStop(ExecutorService workers, long graceMillis) {
        try {
            if (!workers.awaitTermination(graceMillis, TimeUnit.MILLISECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
