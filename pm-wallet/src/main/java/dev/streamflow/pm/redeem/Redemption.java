package dev.streamflow.pm.redeem;

import dev.streamflow.pm.chain.TxReceipt;
import dev.streamflow.pm.recipient.WinningTicket;
import java.util.Optional;

/** What one redemption attempt did with a winning ticket, and why. */
public record Redemption(WinningTicket ticket, Outcome outcome, String reason, Optional<TxReceipt> receipt) {

    public enum Outcome {
        /** Redeemed on chain; removed from the store. */
        REDEEMED(true),
        /** Already redeemed (usedTickets); removed without sending anything. */
        USED(true),
        /** Expired, malformed, or refused for good by the contract; removed. */
        INVALID(true),
        /** The face value does not cover the redemption gas; removed. */
        UNPROFITABLE(true),
        /** Not redeemable now (round not initialized, sender out of funds, node unreachable…); kept for later. */
        DEFERRED(false);

        private final boolean removesTicket;

        Outcome(boolean removesTicket) {
            this.removesTicket = removesTicket;
        }

        public boolean removesTicket() {
            return removesTicket;
        }
    }

    static Redemption of(WinningTicket ticket, Outcome outcome, String reason) {
        return new Redemption(ticket, outcome, reason, Optional.empty());
    }
}
