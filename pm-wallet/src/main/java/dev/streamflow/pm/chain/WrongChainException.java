package dev.streamflow.pm.chain;

/** The node serves a different chain than the Controller belongs to, or there is no Controller there. */
public final class WrongChainException extends ChainException {
    public WrongChainException(String message) {
        super(message);
    }
}
