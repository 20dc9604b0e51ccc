package dev.streamflow.core.dispatch;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Orchestrators that failed are left alone for a while: {@code initial} after the first failure, doubling with
 * every further one (5 s, 10 s, 20 s …) up to {@code max}; a success clears the record.
 *
 * <p>The penalty is wall-clock time from the failure on purpose. go-livepeer adds its penalty to a stored value
 * and compares that with a refresh counter that grows on every pool refresh and never resets, so on a long stream
 * the counter outgrows small penalties and a suspension lifts almost at once (reference §6.5, Suspension, and its
 * "Quirk" note, {@code server/suspensions.go}).
 */
public final class Suspensions {
    private final Duration initial;
    private final Duration max;
    private final Clock clock;
    private final Map<URI, Record> records = new HashMap<>();

    private record Record(int strikes, Instant until) {
    }

    public Suspensions(Duration initial, Duration max, Clock clock) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max, got " + initial + ", " + max);
        }
        this.initial = initial;
        this.max = max;
        this.clock = clock;
    }

    /** Records a failure and returns how long the orchestrator is now suspended for. */
    public synchronized Duration suspend(URI orchestrator) {
        int strikes = strikes(orchestrator) + 1;
        Duration penalty = penalty(strikes);
        records.put(orchestrator, new Record(strikes, clock.instant().plus(penalty)));
        return penalty;
    }

    public synchronized boolean suspended(URI orchestrator) {
        return until(orchestrator).isPresent();
    }

    /** When the suspension ends, if it has not yet. */
    public synchronized Optional<Instant> until(URI orchestrator) {
        Record record = records.get(orchestrator);
        return record != null && clock.instant().isBefore(record.until()) ? Optional.of(record.until()) : Optional.empty();
    }

    /** Failures since the last success. */
    public synchronized int strikes(URI orchestrator) {
        Record record = records.get(orchestrator);
        return record == null ? 0 : record.strikes();
    }

    public synchronized void cleared(URI orchestrator) {
        records.remove(orchestrator);
    }

    private Duration penalty(int strikes) {
        Duration penalty = initial;
        for (int i = 1; i < strikes && penalty.compareTo(max) < 0; i++) {
            penalty = penalty.multipliedBy(2);
        }
        return penalty.compareTo(max) > 0 ? max : penalty;
    }
}
