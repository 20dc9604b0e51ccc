package dev.streamflow.pm.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.streamflow.pm.sender.PixelEstimate.Rung;
import java.util.List;
import org.junit.jupiter.api.Test;

class PixelEstimateTest {
    static final Rung P144P30 = new Rung(256, 144, 30, 0);
    static final Rung P240P30 = new Rung(426, 240, 30, 0);

    @Test
    void matchesGoLivepeerEstimateFeePixels() {
        // go-livepeer TestEstimateFee: 256*144*30*2 and + 426*240*30*2 for a 2 s segment
        assertEquals(2_211_840, PixelEstimate.estimate(List.of(P144P30), 2_000));
        assertEquals(8_346_240, PixelEstimate.estimate(List.of(P144P30, P240P30), 2_000));
        assertEquals(0, PixelEstimate.estimate(List.of(), 2_000));
    }

    @Test
    void roundsSecondsAndFrameRatesUpAndAssumes60FpsForPassthrough() {
        assertEquals(256L * 144 * 30 * 3, PixelEstimate.estimate(List.of(P144P30), 2_001));
        assertEquals(256L * 144 * 30, PixelEstimate.estimate(List.of(new Rung(256, 144, 30000, 1001)), 1_000));
        assertEquals(256L * 144 * 60, PixelEstimate.estimate(List.of(new Rung(256, 144, 0, 0)), 1_000));
    }
}
