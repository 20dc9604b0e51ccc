package dev.streamflow.core.verify;

/**
 * The deep decode did not give a usable sample. {@code orchestratorsFault} says whose fault: a rendition the
 * decoder rejects, or that makes it exceed its time or memory, is the orchestrator's; a missing executable or a
 * full disk is ours.
 */
public final class DeepCheckException extends Exception {
    private final boolean orchestratorsFault;

    DeepCheckException(String message, boolean orchestratorsFault) {
        super(message);
        this.orchestratorsFault = orchestratorsFault;
    }

    DeepCheckException(String message, Throwable cause) {
        super(message, cause);
        this.orchestratorsFault = false;
    }

    public boolean orchestratorsFault() {
        return orchestratorsFault;
    }
}
