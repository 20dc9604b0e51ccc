package dev.streamflow.core.dispatch;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SuspensionsTest {
    private static final URI O = URI.create("https://o.example:8935");
    private final TestClock clock = new TestClock();
    private final Suspensions suspensions = new Suspensions(Duration.ofSeconds(5), Duration.ofSeconds(60), clock);

    @Test
    void aPenaltyLastsItsFullTimeHoweverLongTheStreamHasRun() {
        clock.advance(Duration.ofHours(30)); // go-livepeer's counter would have outgrown any small penalty by now
        assertEquals(Duration.ofSeconds(5), suspensions.suspend(O));
        clock.advance(Duration.ofMillis(4999));
        assertTrue(suspensions.suspended(O));
        clock.advance(Duration.ofMillis(1));
        assertFalse(suspensions.suspended(O));
    }

    @Test
    void repeatedFailuresEscalateUpToTheCapAndASuccessClearsThem() {
        assertEquals(Duration.ofSeconds(5), suspensions.suspend(O));
        assertEquals(Duration.ofSeconds(10), suspensions.suspend(O));
        assertEquals(Duration.ofSeconds(20), suspensions.suspend(O));
        assertEquals(Duration.ofSeconds(40), suspensions.suspend(O));
        assertEquals(Duration.ofSeconds(60), suspensions.suspend(O));
        assertEquals(Duration.ofSeconds(60), suspensions.suspend(O));
        assertEquals(6, suspensions.strikes(O));
        clock.advance(Duration.ofSeconds(59));
        assertTrue(suspensions.suspended(O));

        suspensions.cleared(O);
        assertFalse(suspensions.suspended(O));
        assertEquals(Duration.ofSeconds(5), suspensions.suspend(O), "a success starts the escalation over");
    }
}
