package dev.streamflow.core.discovery;

import dev.streamflow.protocol.client.OrchestratorClient;
import dev.streamflow.protocol.client.OrchestratorException;
import dev.streamflow.protocol.net.Capabilities;
import dev.streamflow.protocol.net.OrchestratorInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Keeps an offer from every candidate orchestrator fresh in the background: GetOrchestrator goes to all of them
 * at once, each bounded by the cutoff; an offer is asked again before its auth token or ticket parameters go
 * stale ({@link Offer#refreshAt()}), and an orchestrator without one (down, at capacity, refused) every
 * {@link PoolSettings#retry()}. One {@link OrchestratorClient} per orchestrator. Each orchestrator's changes of
 * state are logged once, not on every attempt.
 */
public final class OrchestratorPool implements AutoCloseable {
    /** More candidates than this are ignored (a webhook could list thousands). */
    public static final int MAX_CANDIDATES = 100;
    private static final Logger log = LoggerFactory.getLogger(OrchestratorPool.class);
    private static final Duration TICK = Duration.ofMillis(250);

    private final OrchestratorSource source;
    private final Function<URI, OrchestratorClient> clients;
    private final Capabilities wanted;
    private final PoolSettings settings;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService callers;
    private final Map<URI, Member> members = new LinkedHashMap<>();
    private Instant firstRoundStarted;
    private ScheduledFuture<?> ticking;
    private boolean closed;

    public OrchestratorPool(OrchestratorSource source, Function<URI, OrchestratorClient> clients, Capabilities wanted,
                            PoolSettings settings, Clock clock, ScheduledExecutorService scheduler, ExecutorService callers) {
        this.source = source;
        this.clients = clients;
        this.wanted = wanted;
        this.settings = settings;
        this.clock = clock;
        this.scheduler = scheduler;
        this.callers = callers;
    }

    /** Asks every candidate now and keeps asking in the background. */
    public synchronized void start() {
        if (ticking != null || closed) {
            return;
        }
        firstRoundStarted = clock.instant();
        log.info("asking orchestrators from {} for offers", source.describe());
        ticking = scheduler.scheduleWithFixedDelay(this::tick, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Waits, at most until the cutoff after {@link #start()}, for the first round: returns at the first checkpoint
     * (500 ms, 1 s, 2 s, 4 s, cutoff) at which a usable offer is in, or as soon as every candidate has answered.
     */
    public synchronized boolean awaitFirstOffers() throws InterruptedException {
        if (firstRoundStarted == null) {
            throw new IllegalStateException("the pool was not started");
        }
        for (Duration checkpoint : settings.checkpoints()) {
            Instant until = firstRoundStarted.plus(checkpoint);
            while (!closed && !firstRoundOver() && clock.instant().isBefore(until)) {
                wait(Math.max(1, Duration.between(clock.instant(), until).toMillis()));
            }
            if (!offers().isEmpty() || firstRoundOver() || closed) {
                return !offers().isEmpty();
            }
        }
        return !offers().isEmpty();
    }

    /** The usable offers now, in discovery order (fastest GetOrchestrator first). */
    public synchronized List<Offer> offers() {
        Instant now = clock.instant();
        List<Offer> offers = new ArrayList<>();
        for (Member member : members.values()) {
            if (member.offer != null && member.offer.tokenValid(now, Duration.ZERO)) {
                offers.add(member.offer);
            }
        }
        offers.sort((a, b) -> a.roundTrip().compareTo(b.roundTrip()));
        return offers;
    }

    public synchronized Optional<OrchestratorClient> client(URI orchestrator) {
        Member member = members.get(orchestrator);
        return member == null ? Optional.empty() : Optional.of(member.client);
    }

    /**
     * The session of the current offer, for the first caller only: every GetOrchestrator answer names a new
     * session, and two streams must not share one (the orchestrator keys renditions by session and sequence).
     */
    public synchronized Optional<OrchestratorInfo> claimSession(URI orchestrator) {
        Member member = members.get(orchestrator);
        if (member == null || member.offer == null || member.sessionClaimed
                || !member.offer.tokenValid(clock.instant(), Duration.ofSeconds(30))) {
            return Optional.empty();
        }
        member.sessionClaimed = true;
        return Optional.of(member.offer.info());
    }

    /** After a failure: the offer is not used again until the orchestrator has answered GetOrchestrator anew. */
    public synchronized void drop(URI orchestrator) {
        Member member = members.get(orchestrator);
        if (member != null && member.offer != null) {
            member.offer = null;
            member.nextFetchAt = clock.instant();
        }
    }

    @Override
    public void close() {
        List<Member> left;
        synchronized (this) {
            closed = true;
            if (ticking != null) {
                ticking.cancel(false);
            }
            left = new ArrayList<>(members.values());
            members.clear();
            notifyAll();
        }
        left.forEach(member -> member.client.close());
    }

    private void tick() {
        try {
            List<URI> candidates = candidates();
            synchronized (this) {
                if (closed) {
                    return;
                }
                syncMembers(candidates);
                Instant now = clock.instant();
                for (Member member : members.values()) {
                    if (!member.fetching && !now.isBefore(member.nextFetchAt)) {
                        fetch(member);
                    }
                }
            }
        } catch (RuntimeException e) {
            log.error("orchestrator pool refresh failed", e);
        }
    }

    private List<URI> candidates() {
        try {
            List<URI> candidates = source.candidates();
            return candidates.size() <= MAX_CANDIDATES ? candidates : candidates.subList(0, MAX_CANDIDATES);
        } catch (DiscoveryException e) {
            log.debug("no candidates from {}: {}", source.describe(), e.getMessage());
            return null;
        }
    }

    /** Adds new candidates and closes the clients of those the source no longer lists; null keeps them all. */
    private void syncMembers(List<URI> candidates) {
        if (candidates == null) {
            return;
        }
        members.entrySet().removeIf(entry -> {
            boolean gone = !candidates.contains(entry.getKey());
            if (gone) {
                log.info("orchestrator {} is no longer a candidate", entry.getKey());
                entry.getValue().client.close();
            }
            return gone;
        });
        for (URI uri : candidates) {
            if (!members.containsKey(uri)) {
                try {
                    members.put(uri, new Member(uri, clients.apply(uri), clock.instant()));
                } catch (IllegalArgumentException e) {
                    log.warn("orchestrator {} skipped: {}", uri, e.getMessage());
                }
            }
        }
    }

    private void fetch(Member member) {
        member.fetching = true;
        try {
            callers.execute(() -> ask(member));
        } catch (RejectedExecutionException e) {
            member.fetching = false;
        }
    }

    private void ask(Member member) {
        Instant start = clock.instant();
        long startNanos = System.nanoTime();
        try {
            OrchestratorInfo info = member.client.getOrchestrator(wanted, settings.cutoff());
            Duration roundTrip = Duration.ofNanos(System.nanoTime() - startNanos);
            offered(member, new Offer(member.uri, info, roundTrip, start));
        } catch (OrchestratorException | RuntimeException e) {
            unavailable(member, e.getMessage());
        }
    }

    private synchronized void offered(Member member, Offer offer) {
        member.fetching = false;
        if (members.get(member.uri) != member) {
            return;
        }
        if (member.offer == null && member.problem != null || member.announced == null) {
            log.info("orchestrator {} offers {} wei per pixel (GetOrchestrator {} ms){}", member.uri, offer.pricePerPixel(),
                    offer.roundTrip().toMillis(), member.problem == null ? "" : "; it was unavailable: " + member.problem);
        }
        member.announced = offer.fetchedAt();
        member.problem = null;
        member.offer = offer;
        member.sessionClaimed = false;
        member.nextFetchAt = offer.refreshAt();
        member.firstAnswered = true;
        notifyAll();
    }

    private synchronized void unavailable(Member member, String problem) {
        member.fetching = false;
        if (members.get(member.uri) != member) {
            return;
        }
        if (member.problem == null) {
            log.warn("orchestrator {} is unavailable: {}; asking again every {} s", member.uri, problem,
                    settings.retry().toSeconds());
        } else {
            log.debug("orchestrator {} still unavailable: {}", member.uri, problem);
        }
        member.problem = problem;
        member.offer = null;
        member.nextFetchAt = clock.instant().plus(settings.retry());
        member.firstAnswered = true;
        notifyAll();
    }

    private boolean firstRoundOver() {
        return !members.isEmpty() && members.values().stream().allMatch(m -> m.firstAnswered);
    }

    /** One candidate and what is known about it. Guarded by the pool's lock. */
    private static final class Member {
        final URI uri;
        final OrchestratorClient client;
        Offer offer;
        boolean sessionClaimed;
        boolean fetching;
        boolean firstAnswered;
        Instant nextFetchAt;
        Instant announced;
        String problem;

        Member(URI uri, OrchestratorClient client, Instant now) {
            this.uri = uri;
            this.client = client;
            this.nextFetchAt = now;
        }
    }
}
