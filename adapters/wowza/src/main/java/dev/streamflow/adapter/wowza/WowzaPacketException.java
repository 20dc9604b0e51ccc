package dev.streamflow.adapter.wowza;

/** A live packet whose bytes are not a well-formed FLV tag body; the message says what was wrong. */
public class WowzaPacketException extends Exception {
    public WowzaPacketException(String message) {
        super(message);
    }
}
