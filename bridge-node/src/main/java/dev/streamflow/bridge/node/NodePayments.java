package dev.streamflow.bridge.node;

import dev.streamflow.protocol.net.Payment;
import dev.streamflow.protocol.net.TicketParams;

import java.util.Optional;

/**
 * How the node is paid: off-chain (nothing is asked, the empty payment is accepted) or on-chain (ticket
 * parameters in every offer, tickets validated before work, sessions debited after it).
 */
interface NodePayments extends AutoCloseable {

    /** Fresh ticket parameters for {@code holder}, or empty when the node asks for no tickets. */
    Optional<TicketParams> ticketParams(byte[] holder) throws PaymentRefusal;

    /**
     * /segment steps 8 and 9 (reference §3.4): validates and credits {@code payment} for the session, then
     * requires a balance that covers the segment's {@code estimatedPixels} at the session's own price.
     */
    void admit(Payment payment, byte[] sender, String sessionId, long estimatedPixels) throws Refusal;

    /** Debits the pixels of a finished segment at the session's fixed price. */
    void charge(String sessionId, long pixels);

    @Override
    void close();

    /** The node cannot make ticket parameters for this broadcaster; the text is go-livepeer's. */
    final class PaymentRefusal extends Exception {
        PaymentRefusal(String message) {
            super(message);
        }
    }

    /** Off-chain: no tickets asked for and none checked. */
    NodePayments OFFCHAIN = new NodePayments() {
        @Override
        public Optional<TicketParams> ticketParams(byte[] holder) {
            return Optional.empty();
        }

        @Override
        public void admit(Payment payment, byte[] sender, String sessionId, long estimatedPixels) {
        }

        @Override
        public void charge(String sessionId, long pixels) {
        }

        @Override
        public void close() {
        }
    };
}
