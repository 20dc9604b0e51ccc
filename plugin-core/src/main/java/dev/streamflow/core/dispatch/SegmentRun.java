package dev.streamflow.core.dispatch;

import dev.streamflow.bridge.engine.Rendition;
import dev.streamflow.bridge.engine.VideoProfile;
import dev.streamflow.core.discovery.Offer;
import dev.streamflow.core.segment.Segment;
import dev.streamflow.protocol.client.FailureKind;
import dev.streamflow.protocol.client.OrchestratorException;
import dev.streamflow.protocol.net.Capabilities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The life of one segment in the dispatcher. Remote attempts go to different orchestrators, at most
 * {@code maxAttempts}, {@code redundancy} of them at once from the start. An attempt that fails gives way to the next;
 * one that has no result {@link Selector#hedgeDelay its hedge delay} after it started gets the next attempt started
 * beside it, without being cancelled (implementation notes, clarification (d)). When no orchestrator is left, the
 * local engine is the next target. The first result that passes the shape check and the {@link ResultCheck} wins and
 * every other attempt is cancelled; everything ends at the segment's deadline.
 */
final class SegmentRun {
    private static final Logger log = LoggerFactory.getLogger(SegmentRun.class);

    private final Segment segment;
    private final List<VideoProfile> ladder;
    private final DispatchPolicy policy;
    private final Optional<RemoteOrchestrators> remote;
    private final TranscodeTarget local;
    private final ResultCheck check;
    private final Duration deadline;
    private final long startNanos = System.nanoTime();
    private final CompletableFuture<Transcoded> result = new CompletableFuture<>();
    private final List<Attempt> running = new ArrayList<>();
    private final Set<Attempt> arrived = new HashSet<>();
    private final Set<URI> tried = new HashSet<>();
    private int remoteAttempts;
    private boolean remoteOver;
    private boolean localStarted;
    private String whyLocal = "no orchestrator configured";
    private Throwable lastFailure;

    /** One target working on the segment. */
    private record Attempt(TranscodeTarget target, Optional<URI> orchestrator, CompletableFuture<Transcoded> future, long startNanos) {
    }

    SegmentRun(Segment segment, List<VideoProfile> ladder, DispatchPolicy policy, Optional<RemoteOrchestrators> remote,
               TranscodeTarget local, ResultCheck check, Duration deadline) {
        this.segment = segment;
        this.ladder = List.copyOf(ladder);
        this.policy = policy;
        this.remote = remote;
        this.local = local;
        this.check = check;
        this.deadline = deadline;
    }

    CompletableFuture<Transcoded> start() {
        result.orTimeout(deadline.toNanos(), TimeUnit.NANOSECONDS);
        result.whenComplete((r, e) -> finish(e));
        if (remote.isEmpty()) {
            synchronized (this) {
                startLocal();
            }
        } else {
            remote.get().workers().execute(this::startRemote);
        }
        return result;
    }

    /** Why the local engine was used, if it was. */
    synchronized String whyLocal() {
        return whyLocal;
    }

    private void startRemote() {
        try {
            remote.orElseThrow().pool().awaitFirstOffers();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            launchRemote(policy.redundancy());
            if (running.isEmpty()) {
                startLocal();
            }
        }
    }

    /** Starts up to {@code count} remote attempts; marks the remote side over when none could start. */
    private void launchRemote(int count) {
        if (result.isDone() || remoteOver) {
            return;
        }
        RemoteOrchestrators r = remote.orElseThrow();
        int left = r.maxAttempts() - remoteAttempts;
        List<Offer> chosen = left <= 0 ? List.of() : r.selector().choose(r.pool().offers(), selection(), Math.min(count, left));
        if (chosen.isEmpty()) {
            remoteOver = true;
            whyLocal = remoteAttempts == 0 ? "none of the orchestrators can take a segment now"
                    : remoteAttempts + " orchestrator attempt(s) on segment " + segment.sequence() + " did not succeed in time";
            return;
        }
        chosen.forEach(this::startAttempt);
    }

    private void startAttempt(Offer offer) {
        RemoteOrchestrators r = remote.orElseThrow();
        tried.add(offer.uri());
        remoteAttempts++;
        Duration budget = deadline.minusNanos(System.nanoTime() - startNanos);
        OrchestratorTarget target = new OrchestratorTarget(offer, r.sessions(), r.segments(), r.payments(), r.workers(), budget);
        Attempt attempt = new Attempt(target, Optional.of(offer.uri()), target.transcode(segment, ladder), System.nanoTime());
        running.add(attempt);
        r.selector().started(offer.uri(), attempt);
        attempt.future().whenComplete((t, e) -> settle(attempt, t, e));
        Duration hedge = r.selector().hedgeDelay(offer.uri());
        CompletableFuture.delayedExecutor(hedge.toNanos(), TimeUnit.NANOSECONDS, r.workers()).execute(() -> hedge(attempt, hedge));
    }

    private void startLocal() {
        if (localStarted || result.isDone()) {
            return;
        }
        localStarted = true;
        Attempt attempt = new Attempt(local, Optional.empty(), local.transcode(segment, ladder), System.nanoTime());
        running.add(attempt);
        attempt.future().whenComplete((t, e) -> settle(attempt, t, e));
    }

    /** The attempt is taking longer than it should: the next target starts beside it. */
    private synchronized void hedge(Attempt attempt, Duration after) {
        if (result.isDone() || !running.contains(attempt) || arrived.contains(attempt)) {
            return;
        }
        log.debug("{} segment {}: no result from {} after {} ms; starting the next attempt beside it",
                segment.stream(), segment.sequence(), attempt.target().name(), after.toMillis());
        startNext();
    }

    private void startNext() {
        int before = running.size();
        if (remote.isPresent()) {
            launchRemote(1);
        }
        if (running.size() == before) {
            startLocal();
        }
    }

    private void settle(Attempt attempt, Transcoded transcoded, Throwable error) {
        synchronized (this) {
            arrived.add(attempt); // verifying what came back is not slowness: no hedge against it
        }
        Throwable failure = error == null ? verify(attempt, transcoded) : unwrap(error);
        synchronized (this) {
            running.remove(attempt);
            attempt.orchestrator().ifPresent(o -> remote.orElseThrow().selector().finished(o, attempt));
            if (failure instanceof CancellationException) {
                return;
            }
            if (result.isDone()) {
                if (verificationFault(failure)) { // caught after another attempt won: it still counts against its maker
                    attempt.orchestrator().ifPresent(o -> orchestratorFailed(o, failure));
                }
                return;
            }
            if (failure == null) {
                won(attempt, transcoded);
                return;
            }
            lastFailure = failure;
            attempt.orchestrator().ifPresent(o -> orchestratorFailed(o, failure));
            if (running.isEmpty()) {
                startNext();
            }
            if (running.isEmpty()) {
                result.completeExceptionally(failure);
            }
        }
    }

    private void won(Attempt attempt, Transcoded transcoded) {
        Duration took = Duration.ofNanos(System.nanoTime() - attempt.startNanos());
        attempt.orchestrator().ifPresent(o -> remote.orElseThrow().selector().succeeded(o, segment.stream(), took));
        result.complete(transcoded);
    }

    private void orchestratorFailed(URI orchestrator, Throwable failure) {
        RemoteOrchestrators r = remote.orElseThrow();
        if (failure instanceof OrchestratorException e && e.kind() == FailureKind.NON_RETRYABLE) {
            // the segment itself is the problem: no other orchestrator would take it either (reference §6.5)
            remoteOver = true;
            whyLocal = "orchestrator " + orchestrator + " refused segment " + segment.sequence() + ": " + e.getMessage();
            return;
        }
        log.debug("{} segment {}: attempt on {} failed: {}", segment.stream(), segment.sequence(), orchestrator, failure.getMessage());
        if (verificationFault(failure)) {
            r.selector().faulted(orchestrator, segment.stream(), failure.getMessage());
        } else {
            r.selector().failed(orchestrator, failure.getMessage());
        }
        r.pool().drop(orchestrator);
    }

    /** The result came back and failed a check: unlike a transport failure, it counts towards exclusion. */
    private static boolean verificationFault(Throwable failure) {
        return failure instanceof RejectedResultException rejected && rejected.verificationFault();
    }

    /** Cancels every attempt still running once the segment is decided (or its deadline passed). */
    private void finish(Throwable error) {
        List<Attempt> losers;
        synchronized (this) {
            losers = new ArrayList<>(running);
            running.clear();
        }
        boolean timedOut = error instanceof TimeoutException;
        for (Attempt loser : losers) {
            loser.orchestrator().ifPresent(o -> {
                Selector selector = remote.orElseThrow().selector();
                selector.finished(o, loser);
                if (timedOut) {
                    selector.failed(o, "no result within the segment deadline of " + deadline.toMillis() + " ms");
                } else {
                    selector.outrun(o, Duration.ofNanos(System.nanoTime() - loser.startNanos()));
                }
            });
            loser.future().cancel(true);
        }
        if (timedOut && lastFailure != null) {
            log.debug("{} segment {}: last failure before the deadline: {}", segment.stream(), segment.sequence(), lastFailure.getMessage());
        }
    }

    /** The shape check, then the verification seam; a reason to refuse the result, or null. */
    private Throwable verify(Attempt attempt, Transcoded transcoded) {
        String shape = shapeProblem(transcoded.renditions());
        if (shape != null) {
            log.warn("{} segment {}: rejected the result of {}: {}", segment.stream(), segment.sequence(), attempt.target().name(), shape);
            return new RejectedResultException(attempt.target().name() + " " + shape + " on segment " + segment.sequence());
        }
        try {
            ResultCheck.Outcome verdict = check.check(segment, ladder, transcoded, policy);
            return verdict.accepted() ? null : new RejectedResultException("the result of " + attempt.target().name()
                    + " for segment " + segment.sequence() + " was rejected: " + verdict.reason());
        } catch (RuntimeException e) {
            log.error("{} segment {}: the result check failed", segment.stream(), segment.sequence(), e);
            return new RejectedResultException("the result check failed on segment " + segment.sequence() + ": " + e, false);
        }
    }

    private String shapeProblem(List<Rendition> renditions) {
        if (renditions.size() != ladder.size()) {
            return "returned " + renditions.size() + " renditions for " + ladder.size() + " profiles";
        }
        for (int i = 0; i < ladder.size(); i++) {
            if (!renditions.get(i).profile().equals(ladder.get(i))) {
                return "returned rendition " + i + " for profile " + renditions.get(i).profile().name() + ", expected " + ladder.get(i).name();
            }
        }
        return null;
    }

    private Selection selection() {
        Capabilities job = WireLadder.capabilities(ladder);
        Duration duration = Duration.ofMillis(Math.round(segment.durationSeconds() * 1000));
        return new Selection(segment.stream(), job, policy.maxPricePerPixel(), tried, duration);
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
