package dev.streamflow.pm.chain;

/** A contract call or transaction reverted; {@link #reason()} is the contract's revert string when it gave one. */
public final class ContractRevertedException extends ChainException {
    private final String reason;

    public ContractRevertedException(String what, String reason) {
        super(what + " reverted: " + (reason.isEmpty() ? "(no reason given)" : reason));
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
