package dev.streamflow.pm.chain;

/** Called while a transaction is sent and awaited, e.g. to redraw a progress line. */
@FunctionalInterface
public interface TxProgress {
    TxProgress NONE = status -> { };

    void update(TxStatus status);
}
