package dev.streamflow.pm.chain;

import java.time.Duration;

/** Where a transaction is: sent, waiting for its receipt, gathering confirmations, or done. */
public record TxStatus(String description, String txHash, Stage stage, int confirmations, int requiredConfirmations,
        Duration elapsed) {

    public enum Stage { SUBMITTED, PENDING, CONFIRMING, CONFIRMED }
}
