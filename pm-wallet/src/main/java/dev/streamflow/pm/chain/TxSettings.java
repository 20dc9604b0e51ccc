package dev.streamflow.pm.chain;

import java.time.Duration;

/**
 * How transactions are sent and awaited: the receipt poll interval (web3j's default of 15 s is far too
 * slow for a loopback node), how long to wait, how many confirmations to require, and the margin added to
 * {@code eth_estimateGas}.
 */
public record TxSettings(Duration pollInterval, Duration timeout, int confirmations, int gasMarginPercent) {
    public static final TxSettings DEFAULT = new TxSettings(Duration.ofMillis(250), Duration.ofMinutes(5), 1, 25);

    public TxSettings {
        if (pollInterval.isNegative() || pollInterval.isZero() || timeout.compareTo(pollInterval) < 0
                || confirmations < 1 || gasMarginPercent < 0) {
            throw new IllegalArgumentException("invalid transaction settings: poll " + pollInterval + ", timeout "
                    + timeout + ", confirmations " + confirmations + ", gas margin " + gasMarginPercent + "%");
        }
    }

    public TxSettings withConfirmations(int required) {
        return new TxSettings(pollInterval, timeout, required, gasMarginPercent);
    }

    public TxSettings withPollInterval(Duration interval) {
        return new TxSettings(interval, timeout, confirmations, gasMarginPercent);
    }
}
