package dev.streamflow.pm.sender;

/** A payment that cannot be made; the subclass says what the caller should do about it. */
public abstract class PaymentException extends Exception {
    protected PaymentException(String message) {
        super(message);
    }

    /** The params expire within one block: refresh them with GetOrchestrator, then pay. */
    public static final class TicketParamsExpired extends PaymentException {
        public TicketParamsExpired(String message) {
            super(message);
        }
    }

    /** The sender's own on-chain state forbids paying (no deposit/reserve, unlocking): stop the stream. */
    public static final class SenderValidation extends PaymentException {
        public SenderValidation(String message) {
            super(message);
        }
    }

    /** The orchestrator's params break a guard (EV too high, face value too high or too low): drop this O. */
    public static final class InvalidTicketParams extends PaymentException {
        public InvalidTicketParams(String message) {
            super(message);
        }
    }

    /** The orchestrator's price more than doubled since the session began: swap the session. */
    public static final class PriceIncreased extends PaymentException {
        public PriceIncreased(String message) {
            super(message);
        }
    }
}
