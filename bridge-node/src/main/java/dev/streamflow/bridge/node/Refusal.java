package dev.streamflow.bridge.node;

/** A segment turned away before the early 200: the HTTP status and the text go-livepeer would send. */
final class Refusal extends Exception {
    private final int status;

    Refusal(int status, String text) {
        super(text, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
