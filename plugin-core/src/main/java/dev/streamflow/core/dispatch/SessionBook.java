package dev.streamflow.core.dispatch;

import dev.streamflow.core.discovery.OrchestratorPool;
import dev.streamflow.core.ingest.StreamKey;
import dev.streamflow.protocol.client.FailureKind;
import dev.streamflow.protocol.client.OrchestratorClient;
import dev.streamflow.protocol.client.OrchestratorException;
import dev.streamflow.protocol.net.Capabilities;
import dev.streamflow.protocol.net.OrchestratorInfo;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One orchestrator session per (stream, orchestrator), as go-livepeer keeps one per stream: an orchestrator stores
 * renditions by session and sequence number, so two streams sharing a session would overwrite each other's
 * segments. A session starts from the pool's current offer if no stream has claimed it yet, else from its own
 * GetOrchestrator; it follows the fresh OrchestratorInfo each result brings, is renewed in the last tenth of its
 * token's life, and is forgotten after a failure or {@link #IDLE} without use (the orchestrator drops it then too).
 */
public final class SessionBook {
    /** go-livepeer's orchestrator ends a session after 70 s without segments ({@code transcodeLoopTimeout}). */
    static final Duration IDLE = Duration.ofSeconds(70);
    /** go-livepeer's per-session refresh timeout ({@code refreshTimeout}). */
    static final Duration REFRESH_TIMEOUT = Duration.ofMillis(2500);

    private final OrchestratorPool pool;
    private final Capabilities wanted;
    private final Clock clock;
    private final Map<Key, Session> sessions = new HashMap<>();

    private record Key(StreamKey stream, URI orchestrator) {
    }

    private record Session(OrchestratorInfo info, Instant started, Instant lastUsed) {
        boolean fresh(Instant now) {
            long expiration = info.getAuthToken().getExpiration();
            if (expiration <= 0) {
                return true;
            }
            Instant expires = Instant.ofEpochSecond(expiration);
            Duration life = Duration.between(started, expires);
            return now.isBefore(expires.minus(life.isNegative() ? Duration.ZERO : life.dividedBy(10)));
        }
    }

    public SessionBook(OrchestratorPool pool, Capabilities wanted, Clock clock) {
        this.pool = pool;
        this.wanted = wanted;
        this.clock = clock;
    }

    /** This stream's session with {@code orchestrator}; may call GetOrchestrator (bounded by the refresh timeout). */
    public OrchestratorInfo session(StreamKey stream, URI orchestrator) throws OrchestratorException {
        Key key = new Key(stream, orchestrator);
        Instant now = clock.instant();
        synchronized (this) {
            forgetIdle(now);
            Session session = sessions.get(key);
            if (session != null && session.fresh(now)) {
                sessions.put(key, new Session(session.info(), session.started(), now));
                return session.info();
            }
            var claimed = pool.claimSession(orchestrator);
            if (claimed.isPresent()) {
                sessions.put(key, new Session(claimed.get(), now, now));
                return claimed.get();
            }
        }
        OrchestratorClient client = pool.client(orchestrator).orElseThrow(() -> new OrchestratorException(
                FailureKind.RETRYABLE, "orchestrator " + orchestrator + " is no longer a candidate"));
        OrchestratorInfo info = client.getOrchestrator(wanted, REFRESH_TIMEOUT);
        synchronized (this) {
            sessions.put(key, new Session(info, now, now));
        }
        return info;
    }

    /** A new session from GetOrchestrator, whatever the current one: fresh ticket params after a payment refusal. */
    public OrchestratorInfo refresh(StreamKey stream, URI orchestrator) throws OrchestratorException {
        OrchestratorClient client = pool.client(orchestrator).orElseThrow(() -> new OrchestratorException(
                FailureKind.RETRYABLE, "orchestrator " + orchestrator + " is no longer a candidate"));
        OrchestratorInfo info = client.getOrchestrator(wanted, REFRESH_TIMEOUT);
        Instant now = clock.instant();
        synchronized (this) {
            sessions.put(new Key(stream, orchestrator), new Session(info, now, now));
        }
        return info;
    }

    /** The OrchestratorInfo that came with a result replaces the session's (new ticket parameters, same session). */
    public synchronized void renewed(StreamKey stream, URI orchestrator, OrchestratorInfo fresh) {
        Key key = new Key(stream, orchestrator);
        Session session = sessions.get(key);
        if (session != null && Objects.equals(session.info().getAuthToken().getSessionId(), fresh.getAuthToken().getSessionId())) {
            sessions.put(key, new Session(fresh, session.started(), clock.instant()));
        }
    }

    public synchronized void forget(StreamKey stream, URI orchestrator) {
        sessions.remove(new Key(stream, orchestrator));
    }

    private void forgetIdle(Instant now) {
        sessions.values().removeIf(session -> session.lastUsed().plus(IDLE).isBefore(now));
    }
}
