package dev.streamflow.core.dispatch;

import dev.streamflow.core.discovery.Offer;
import dev.streamflow.core.ingest.StreamKey;
import dev.streamflow.protocol.wire.WireCapabilities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses orchestrators for a segment among the pool's offers, in the spirit of go-livepeer's {@code MinLSSelector}
 * (reference §6.4):
 * <ol>
 *   <li>only compatible ones (capabilities), within the channel's price, not suspended, not excluded from the
 *       stream for repeated verification faults ({@link Exclusions}), not already tried;</li>
 *   <li>the one that last worked for this stream, unless it is holding a segment for longer than it should;</li>
 *   <li>then those with a clean record before those that failed recently;</li>
 *   <li>then known-fast (latency score ≤ 1), unknown ones by GetOrchestrator round trip, known-slow, and last those
 *       holding a segment for longer than they should (a frozen one answers nothing but still looks alive).</li>
 * </ol>
 * The latency score is the time to the result over max(1.5 s, segment duration), as go-livepeer's.
 */
public final class Selector {
    private static final Logger log = LoggerFactory.getLogger(Selector.class);
    private static final Duration SCORE_FLOOR = Duration.ofMillis(1500);
    private static final double SMOOTHING = 0.3;
    private static final int MAX_STREAMS_REMEMBERED = 10_000;

    private final Suspensions suspensions;
    private final Exclusions exclusions;
    private final Duration hedgeAfter;
    private final Clock clock;
    private final Map<URI, Duration> latency = new HashMap<>();
    private final Map<URI, Map<Object, Instant>> inFlight = new HashMap<>();
    private final Map<StreamKey, URI> lastGood = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<StreamKey, URI> eldest) {
            return size() > MAX_STREAMS_REMEMBERED;
        }
    };
    private final Set<String> reportedUnfit = new HashSet<>();

    public Selector(Suspensions suspensions, Duration hedgeAfter, Clock clock) {
        this(suspensions, new Exclusions(Exclusions.DEFAULT_AFTER), hedgeAfter, clock);
    }

    public Selector(Suspensions suspensions, Exclusions exclusions, Duration hedgeAfter, Clock clock) {
        this.suspensions = suspensions;
        this.exclusions = exclusions;
        this.hedgeAfter = hedgeAfter;
        this.clock = clock;
    }

    /** Up to {@code count} orchestrators, best first. */
    public synchronized List<Offer> choose(List<Offer> offers, Selection selection, int count) {
        List<Offer> eligible = new ArrayList<>();
        for (Offer offer : offers) {
            if (!selection.exclude().contains(offer.uri()) && !suspensions.suspended(offer.uri())
                    && !exclusions.excluded(selection.stream(), offer.uri()) && fits(offer, selection)) {
                eligible.add(offer);
            }
        }
        eligible.sort(ranking(selection));
        List<Offer> chosen = List.copyOf(eligible.subList(0, Math.min(count, eligible.size())));
        if (log.isTraceEnabled()) {
            log.trace("{}: chose {} of {} offer(s)", selection.stream(), chosen.stream().map(Offer::uri).toList(), offers.size());
        }
        return chosen;
    }

    /** How long {@code orchestrator} may take before the next attempt is started beside it. */
    public synchronized Duration hedgeDelay(URI orchestrator) {
        Duration usual = latency.get(orchestrator);
        return usual == null ? hedgeAfter : hedgeAfter.plus(usual);
    }

    public synchronized void started(URI orchestrator, Object attempt) {
        inFlight.computeIfAbsent(orchestrator, o -> new IdentityHashMap<>()).put(attempt, clock.instant());
    }

    public synchronized void finished(URI orchestrator, Object attempt) {
        Map<Object, Instant> attempts = inFlight.get(orchestrator);
        if (attempts != null) {
            attempts.remove(attempt);
            if (attempts.isEmpty()) {
                inFlight.remove(orchestrator);
            }
        }
    }

    public synchronized void succeeded(URI orchestrator, StreamKey stream, Duration took) {
        record(orchestrator, took);
        lastGood.put(stream, orchestrator);
        if (suspensions.strikes(orchestrator) > 0) {
            log.info("orchestrator {} works again", orchestrator);
        }
        suspensions.cleared(orchestrator);
    }

    /** It lost a race it should have won: what it took so far is a lower bound of its latency. */
    public synchronized void outrun(URI orchestrator, Duration elapsed) {
        Duration known = latency.get(orchestrator);
        if (known == null || elapsed.compareTo(known) > 0) {
            record(orchestrator, elapsed);
        }
    }

    /** Suspends {@code orchestrator}; the first failure after a good spell is logged, the rest only counted. */
    public synchronized void failed(URI orchestrator, String reason) {
        Duration penalty = suspend(orchestrator);
        int strikes = suspensions.strikes(orchestrator);
        if (strikes == 1) {
            log.warn("orchestrator {} failed: {}; suspended for {} s", orchestrator, reason, penalty.toSeconds());
        } else {
            log.debug("orchestrator {} failed again ({} in a row): {}; suspended for {} s", orchestrator, strikes, reason,
                    penalty.toSeconds());
        }
    }

    /**
     * A result from {@code orchestrator} failed verification on {@code stream}: suspended as for any failure, and at
     * the fault the limit allows, excluded from that stream for the rest of it (said once, with its address). The
     * verdict itself has been logged by whoever judged it, so the suspension is only a debug line here.
     */
    public synchronized void faulted(URI orchestrator, StreamKey stream, String reason) {
        Duration penalty = suspend(orchestrator);
        log.debug("orchestrator {} suspended for {} ms after a rejected result on {}: {}", orchestrator, penalty.toMillis(),
                stream, reason);
        if (exclusions.fault(stream, orchestrator)) {
            log.warn("orchestrator {} excluded from stream {}: {} of its results were rejected; it gets none of the "
                    + "stream's segments for the rest of it", orchestrator, stream, exclusions.after());
        }
    }

    /** Whether {@code orchestrator} is out of {@code stream} for repeated verification faults. */
    public synchronized boolean excluded(StreamKey stream, URI orchestrator) {
        return exclusions.excluded(stream, orchestrator);
    }

    /** The first segment of a stream: exclusions from an earlier stream under the same key no longer apply. */
    public synchronized void streamStarted(StreamKey stream) {
        exclusions.streamStarted(stream);
    }

    private Duration suspend(URI orchestrator) {
        Duration penalty = suspensions.suspend(orchestrator);
        lastGood.values().removeIf(orchestrator::equals);
        return penalty;
    }

    private boolean fits(Offer offer, Selection selection) {
        Optional<String> unfit = unfit(offer, selection);
        if (unfit.isPresent() && reportedUnfit.add(offer.uri() + " " + unfit.get())) {
            log.info("orchestrator {} not used: {}", offer.uri(), unfit.get());
        }
        return unfit.isEmpty();
    }

    private static Optional<String> unfit(Offer offer, Selection selection) {
        if (!offer.info().hasCapabilities()) {
            return Optional.of("its offer lists no capabilities");
        }
        try {
            Optional<String> incompatible = WireCapabilities.incompatibility(selection.job(), offer.info().getCapabilities());
            if (incompatible.isPresent()) {
                return incompatible;
            }
        } catch (IllegalArgumentException e) {
            return Optional.of("its capabilities are malformed: " + e.getMessage());
        }
        if (selection.maxPricePerPixel().isPresent() && offer.pricePerPixel().compareTo(selection.maxPricePerPixel().get()) > 0) {
            return Optional.of("its price " + offer.pricePerPixel() + " wei per pixel is above the limit of "
                    + selection.maxPricePerPixel().get());
        }
        return Optional.empty();
    }

    private Comparator<Offer> ranking(Selection selection) {
        URI sticky = lastGood.get(selection.stream());
        Duration scale = selection.segmentDuration().compareTo(SCORE_FLOOR) > 0 ? selection.segmentDuration() : SCORE_FLOOR;
        return Comparator.<Offer>comparingInt(o -> stuck(o.uri()) ? 1 : 0)
                .thenComparingInt(o -> o.uri().equals(sticky) ? 0 : 1)
                .thenComparingInt(o -> suspensions.strikes(o.uri()) > 0 ? 1 : 0)
                .thenComparingInt(o -> group(o.uri(), scale))
                .thenComparing(o -> latency.getOrDefault(o.uri(), o.roundTrip()));
    }

    /** 0: known and fast (score ≤ 1), 1: not known yet, 2: known and slow. */
    private int group(URI orchestrator, Duration scale) {
        Duration known = latency.get(orchestrator);
        if (known == null) {
            return 1;
        }
        return known.compareTo(scale) <= 0 ? 0 : 2;
    }

    /** Holding a segment for longer than its hedge delay: probably stalled. */
    private boolean stuck(URI orchestrator) {
        Map<Object, Instant> attempts = inFlight.get(orchestrator);
        if (attempts == null || attempts.isEmpty()) {
            return false;
        }
        Instant oldest = attempts.values().stream().min(Comparator.naturalOrder()).orElseThrow();
        return oldest.plus(hedgeDelay(orchestrator)).isBefore(clock.instant());
    }

    private void record(URI orchestrator, Duration sample) {
        Duration known = latency.get(orchestrator);
        long nanos = known == null ? sample.toNanos()
                : Math.round(known.toNanos() * (1 - SMOOTHING) + sample.toNanos() * SMOOTHING);
        latency.put(orchestrator, Duration.ofNanos(nanos));
    }
}
