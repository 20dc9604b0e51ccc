package dev.streamflow.core.dispatch;

import dev.streamflow.core.ingest.StreamKey;

import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Orchestrators caught by verification too often on one stream: after {@code after} rejected results on a stream
 * they get none of its segments again for the rest of that stream. Only verification faults count here (a result
 * that came back and failed a check); a transport failure — refused, dropped, too slow — only suspends
 * ({@link Suspensions}), and so does each fault. Faults add up over the stream and a good result in between does not
 * wipe them: a cheat that is honest on every other segment must not stay in the stream for ever.
 *
 * <p>The scope is the stream ({@link StreamKey}: app and stream name), the live channel its viewers watch, not a
 * {@code streamflow.channels} rule: a rule is a pattern such as {@code live/*} that can cover every stream on the
 * server, so excluding per rule would turn one stream's evidence into a server-wide ban, and a rule never ends
 * while "the rest of the stream" needs an end. A stream that starts again under the same key starts afresh
 * ({@link #streamStarted}); the orchestrator's global suspension record is kept either way.
 */
public final class Exclusions {
    /** The value of {@code streamflow.verification.exclude-after} when nothing else is configured. */
    public static final int DEFAULT_AFTER = 3;
    private static final int MAX_STREAMS_REMEMBERED = 10_000;

    private final int after;
    private final Map<StreamKey, Map<URI, Integer>> faults = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<StreamKey, Map<URI, Integer>> eldest) {
            return size() > MAX_STREAMS_REMEMBERED;
        }
    };

    public Exclusions(int after) {
        if (after < 1) {
            throw new IllegalArgumentException("exclude-after must be at least 1, was " + after);
        }
        this.after = after;
    }

    /** Verification faults that exclude an orchestrator from a stream. */
    public int after() {
        return after;
    }

    /** Records one verification fault; true exactly when this fault is the one that excludes the orchestrator. */
    public synchronized boolean fault(StreamKey stream, URI orchestrator) {
        return faults.computeIfAbsent(stream, s -> new HashMap<>()).merge(orchestrator, 1, Integer::sum) == after;
    }

    public synchronized boolean excluded(StreamKey stream, URI orchestrator) {
        return faults(stream, orchestrator) >= after;
    }

    /** Verification faults of {@code orchestrator} on {@code stream} so far. */
    public synchronized int faults(StreamKey stream, URI orchestrator) {
        Map<URI, Integer> counts = faults.get(stream);
        return counts == null ? 0 : counts.getOrDefault(orchestrator, 0);
    }

    /** A stream begins under {@code stream} (its first segment): whatever an earlier stream of that key recorded is gone. */
    public synchronized void streamStarted(StreamKey stream) {
        faults.remove(stream);
    }
}
