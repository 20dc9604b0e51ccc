package dev.streamflow.protocol.client;

/** A classified failure of one exchange with an orchestrator; the message names the call and what was wrong. */
public class OrchestratorException extends Exception {
    private final FailureKind kind;

    public OrchestratorException(FailureKind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public OrchestratorException(FailureKind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public FailureKind kind() {
        return kind;
    }

    @Override
    public String toString() {
        return kind + ": " + getMessage();
    }
}
