package dev.streamflow.core;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import com.typesafe.config.Config;
import dev.streamflow.bridge.engine.EncoderChoice;
import dev.streamflow.bridge.engine.TranscodeEngine;
import dev.streamflow.core.channel.Channels;
import dev.streamflow.core.channel.LiveStreams;
import dev.streamflow.core.config.Settings;
import dev.streamflow.core.dispatch.Dispatcher;
import dev.streamflow.core.config.PaymentSettings;
import dev.streamflow.core.config.RemoteSettings;
import dev.streamflow.core.dispatch.OnchainSender;
import dev.streamflow.core.dispatch.SegmentPayments;
import dev.streamflow.core.discovery.CombinedSources;
import dev.streamflow.core.discovery.OrchestratorPool;
import dev.streamflow.core.discovery.OrchestratorSource;
import dev.streamflow.core.discovery.PoolSettings;
import dev.streamflow.core.discovery.StaticOrchestrators;
import dev.streamflow.core.discovery.WebhookOrchestrators;
import dev.streamflow.core.dispatch.DispatchPolicy;
import dev.streamflow.core.dispatch.Exclusions;
import dev.streamflow.core.dispatch.LocalEngineTarget;
import dev.streamflow.core.dispatch.RemoteOrchestrators;
import dev.streamflow.core.dispatch.ResultCheck;
import dev.streamflow.core.verify.FaultEvidence;
import dev.streamflow.core.verify.VerifiedDispatch;
import dev.streamflow.core.verify.Verifier;
import dev.streamflow.core.dispatch.Selector;
import dev.streamflow.core.dispatch.SessionBook;
import dev.streamflow.core.dispatch.Suspensions;
import dev.streamflow.core.dispatch.WireLadder;
import dev.streamflow.pm.key.EthereumKey;
import dev.streamflow.protocol.client.BroadcasterIdentity;
import dev.streamflow.protocol.client.ClientLimits;
import dev.streamflow.protocol.client.HttpTransport;
import dev.streamflow.protocol.client.OrchestratorClient;
import dev.streamflow.protocol.client.SegmentClient;
import dev.streamflow.protocol.net.Capabilities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.streamflow.core.hls.DirectorySegmentStore;
import dev.streamflow.core.hls.SegmentStore;
import dev.streamflow.core.ingest.IngestHook;

import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Wires plugin-core from the {@code streamflow} configuration. */
final class CoreModule extends AbstractModule {
    private static final Logger log = LoggerFactory.getLogger(CoreModule.class);
    private final Config config;

    CoreModule(Config config) {
        this.config = config;
    }

    @Override
    protected void configure() {
        bind(IngestHook.class).to(LiveStreams.class);
        bind(LiveStreams.class).in(Singleton.class);
        bind(Channels.class).in(Singleton.class);
        bind(Clock.class).toInstance(Clock.systemUTC());
        OptionalBinder.newOptionalBinder(binder(), ResultCheck.class).setDefault().to(VerifiedDispatch.class);
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
    Verifier verifier() {
        return Verifier.standard();
    }

    @Provides
    @Singleton
    VerifiedDispatch verifiedDispatch(Settings settings, Verifier verifier) {
        return new VerifiedDispatch(verifier, new FaultEvidence(settings.faultDirectory(), settings.maxFaults()));
    }

    @Provides
    @Singleton
    Dispatcher dispatcher(TranscodeEngine engine, @LocalWorkers ExecutorService workers, Settings settings,
                          Optional<RemoteOrchestrators> remote, ResultCheck check) {
        return new Dispatcher(new LocalEngineTarget(engine, workers), remote, check,
                settings.defaultPolicy().dispatch(), settings.transcodeDeadline());
    }

    @Provides
    @Singleton
    @RemoteThreads
    ExecutorService remoteThreads() {
        return Executors.newCachedThreadPool(named("streamflow-remote-"));
    }

    @Provides
    @Singleton
    ScheduledExecutorService poolScheduler() {
        return Executors.newSingleThreadScheduledExecutor(named("streamflow-discovery-"));
    }

    /** Present when orchestrators are configured; its pool is already asking them for offers. */
    @Provides
    @Singleton
    Optional<RemoteOrchestrators> remote(Settings settings, Clock clock, @RemoteThreads ExecutorService threads,
                                         ScheduledExecutorService scheduler) {
        RemoteSettings r = settings.remote();
        if (!r.enabled()) {
            return Optional.empty();
        }
        PaymentSettings pay = PaymentSettings.from(config.getConfig("streamflow"));
        BroadcasterIdentity identity;
        SegmentPayments payments;
        if (pay.onchain()) {
            OnchainSender onchain = OnchainSender.open(pay, System.getenv());
            identity = BroadcasterIdentity.of(onchain.key());
            payments = SegmentPayments.onchain(identity, onchain.sender());
        } else {
            EthereumKey key = EthereumKey.generate(new SecureRandom());
            log.info("broadcaster address {} (a new key for this run; off-chain, no payments)", key.address());
            identity = BroadcasterIdentity.of(key);
            payments = SegmentPayments.offchain(identity);
        }
        ClientLimits limits = ClientLimits.defaults();
        Capabilities wanted = WireLadder.capabilities(settings.ladder());
        OrchestratorPool pool = new OrchestratorPool(source(r, clock), uri -> new OrchestratorClient(uri, identity, limits), wanted,
                new PoolSettings(r.firstAnswer(), r.discoveryCutoff(), r.discoveryRetry()), clock, scheduler, threads);
        Selector selector = new Selector(new Suspensions(r.suspension(), r.maxSuspension(), clock),
                new Exclusions(settings.excludeAfter()), r.hedgeAfter(), clock);
        SegmentClient segments = new SegmentClient(identity, HttpTransport.create(), limits);
        pool.start();
        return Optional.of(new RemoteOrchestrators(pool, selector, new SessionBook(pool, wanted, clock), segments, payments, threads,
                r.maxAttempts()));
    }

    private static OrchestratorSource source(RemoteSettings r, Clock clock) {
        if (r.webhook().isPresent()) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(r.webhookTimeout())
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            OrchestratorSource webhook = new WebhookOrchestrators(r.webhook().get(), http, r.webhookTimeout(), r.webhookRefresh(), clock);
            return r.orchestrators().isEmpty() ? webhook : new CombinedSources(new StaticOrchestrators(r.orchestrators()), webhook);
        }
        return new StaticOrchestrators(r.orchestrators());
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
