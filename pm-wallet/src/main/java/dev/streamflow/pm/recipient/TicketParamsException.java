package dev.streamflow.pm.recipient;

/** The orchestrator cannot offer ticket params to this sender (e.g. {@code insufficient sender reserve}). */
public class TicketParamsException extends Exception {
    public TicketParamsException(String message) {
        super(message);
    }
}
