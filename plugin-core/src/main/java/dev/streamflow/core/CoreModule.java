package dev.streamflow.core;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.typesafe.config.Config;
import dev.streamflow.bridge.engine.EncoderChoice;
import dev.streamflow.bridge.engine.TranscodeEngine;
import dev.streamflow.core.channel.LiveStreams;
import dev.streamflow.core.config.Settings;
import dev.streamflow.core.dispatch.Dispatcher;
import dev.streamflow.core.dispatch.LocalEngineTarget;
import dev.streamflow.core.hls.DirectorySegmentStore;
import dev.streamflow.core.hls.SegmentStore;
import dev.streamflow.core.ingest.IngestHook;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Wires plugin-core from the {@code streamflow} configuration. */
final class CoreModule extends AbstractModule {
    private final Config config;

    CoreModule(Config config) {
        this.config = config;
    }

    @Override
    protected void configure() {
        bind(IngestHook.class).to(LiveStreams.class);
        bind(LiveStreams.class).in(Singleton.class);
        bind(Clock.class).toInstance(Clock.systemUTC());
    }

    @Provides
    @Singleton
    Settings settings() {
        return Settings.from(config);
    }

    @Provides
    @Singleton
    SegmentStore segmentStore(Settings settings) {
        return new DirectorySegmentStore(settings.hlsDirectory());
    }

    @Provides
    @Singleton
    TranscodeEngine engine() {
        return new TranscodeEngine(EncoderChoice.detect());
    }

    @Provides
    @Singleton
    @LocalWorkers
    ExecutorService localWorkers(Settings settings) {
        return Executors.newFixedThreadPool(settings.localWorkers(), named("streamflow-engine-"));
    }

    @Provides
    @Singleton
    Dispatcher dispatcher(TranscodeEngine engine, @LocalWorkers ExecutorService workers, Settings settings) {
        return new Dispatcher(new LocalEngineTarget(engine, workers), settings.transcodeDeadline());
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger next = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + next.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
