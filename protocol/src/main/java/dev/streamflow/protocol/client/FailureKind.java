package dev.streamflow.protocol.client;

/** What a caller should do about a failed exchange with an orchestrator. */
public enum FailureKind {
    /** The orchestrator could not do it now (down, slow, busy, capped, broken answer): try another one. */
    RETRYABLE,
    /** The request itself is wrong (bad input, bad signature): no orchestrator will take it as it is. */
    NON_RETRYABLE,
    /** The payment or its parameters were refused: refresh ticket parameters or fix the sender's funds. */
    PAYMENT
}
