package dev.streamflow.pm.chain;

import java.math.BigInteger;

/** A sender's TicketBroker state ({@code getSenderInfo}): deposit, unlock round and reserve. */
public record SenderInfo(BigInteger deposit, long withdrawRound, BigInteger reserveFundsRemaining,
        BigInteger reserveClaimedInCurrentRound) {

    public SenderInfo {
        requireNonNegative(deposit, "deposit");
        requireNonNegative(reserveFundsRemaining, "reserve");
        requireNonNegative(reserveClaimedInCurrentRound, "claimed reserve");
    }

    /** True when an unlock is in progress and completes by the round after {@code lastInitializedRound}. */
    public boolean unlocksSoon(long lastInitializedRound) {
        return withdrawRound != 0 && withdrawRound <= lastInitializedRound + 1;
    }

    private static void requireNonNegative(BigInteger value, String name) {
        if (value == null || value.signum() < 0) {
            throw new IllegalArgumentException(name + " must be ≥ 0, got " + value);
        }
    }
}
