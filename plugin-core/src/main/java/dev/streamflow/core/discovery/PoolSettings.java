package dev.streamflow.core.discovery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How the pool asks orchestrators for offers (reference §6.3).
 *
 * @param firstAnswer the first checkpoint: with one usable offer in by then, the pool is ready (go-livepeer's
 *                    {@code -discoveryTimeout}, 500 ms)
 * @param cutoff      the hard limit of one GetOrchestrator (go-livepeer's 6 s {@code maxGetOrchestratorCutoffTimeout})
 * @param retry       how soon an orchestrator without a usable offer is asked again
 */
public record PoolSettings(Duration firstAnswer, Duration cutoff, Duration retry) {

    public static PoolSettings defaults() {
        return new PoolSettings(Duration.ofMillis(500), Duration.ofSeconds(6), Duration.ofSeconds(5));
    }

    /** first-answer, then doubling from 1 s (1 s, 2 s, 4 s …), ending at the cutoff. */
    public List<Duration> checkpoints() {
        List<Duration> points = new ArrayList<>(List.of(firstAnswer));
        for (Duration next = Duration.ofSeconds(1); next.compareTo(cutoff) < 0; next = next.multipliedBy(2)) {
            if (next.compareTo(firstAnswer) > 0) {
                points.add(next);
            }
        }
        if (cutoff.compareTo(firstAnswer) > 0) {
            points.add(cutoff);
        }
        return points;
    }
}
