package dev.streamflow.core.ingest.flv;

/** An FLV audio or video tag body that cannot be parsed: too short, or a packet type FLV does not define. */
public class FlvTagException extends Exception {
    public FlvTagException(String message) {
        super(message);
    }
}
