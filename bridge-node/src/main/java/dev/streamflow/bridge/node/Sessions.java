package dev.streamflow.bridge.node;

import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The transcoding sessions the node is serving, for {@code --max-sessions}. A session starts with its first
 * segment and ends on EndTranscodingSession or after {@link #IDLE_TIMEOUT} without segments (go-livepeer's
 * {@code transcodeLoopTimeout}). Each session holds at most {@link #MAX_IN_FLIGHT} segments at once
 * (go-livepeer's {@code maxSegmentChannels}); more are refused as OrchestratorBusy.
 */
final class Sessions {
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(70);
    static final int MAX_IN_FLIGHT = 4;

    private final int maxSessions;
    private final LongSupplier nanoTime;
    private final Map<String, Session> sessions = new HashMap<>();

    Sessions(int maxSessions, LongSupplier nanoTime) {
        this.maxSessions = maxSessions;
        this.nanoTime = nanoTime;
    }

    /** What happened to a segment asking for a slot in its session. */
    enum Admission { ADMITTED, CAPPED, BUSY }

    synchronized boolean full() {
        expireIdle();
        return sessions.size() >= maxSessions;
    }

    /** True if {@code sessionId} is not live and there is no place for a new session. */
    synchronized boolean wouldCap(String sessionId) {
        expireIdle();
        return !sessions.containsKey(sessionId) && sessions.size() >= maxSessions;
    }

    synchronized int active() {
        expireIdle();
        return sessions.size();
    }

    /**
     * Only a new session needs a free place; an existing one may be busy. On ADMITTED call {@link #release}.
     *
     * @param holder the address the session's token was issued to
     */
    synchronized Admission admit(String sessionId, byte[] holder) {
        expireIdle();
        Session session = sessions.get(sessionId);
        if (session == null) {
            if (sessions.size() >= maxSessions) {
                return Admission.CAPPED;
            }
            session = new Session(holder.clone());
            sessions.put(sessionId, session);
        }
        session.lastUsed = nanoTime.getAsLong();
        if (session.inFlight >= MAX_IN_FLIGHT) {
            return Admission.BUSY;
        }
        session.inFlight++;
        return Admission.ADMITTED;
    }

    synchronized void release(String sessionId) {
        Session session = sessions.get(sessionId);
        if (session != null) {
            session.inFlight = Math.max(0, session.inFlight - 1);
            session.lastUsed = nanoTime.getAsLong();
        }
    }

    /** The address a live session belongs to, or null if there is no such session. */
    synchronized byte[] holder(String sessionId) {
        expireIdle();
        Session session = sessions.get(sessionId);
        return session == null ? null : session.holder.clone();
    }

    /** @return whether the session existed */
    synchronized boolean end(String sessionId) {
        return sessions.remove(sessionId) != null;
    }

    private void expireIdle() {
        long now = nanoTime.getAsLong();
        for (Iterator<Session> it = sessions.values().iterator(); it.hasNext(); ) {
            Session session = it.next();
            if (session.inFlight == 0 && now - session.lastUsed > IDLE_TIMEOUT.toNanos()) {
                it.remove();
            }
        }
    }

    private static final class Session {
        final byte[] holder;
        long lastUsed;
        int inFlight;

        Session(byte[] holder) {
            this.holder = holder;
        }
    }
}
