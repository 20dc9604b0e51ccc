package dev.streamflow.adapter.red5;

import org.red5.server.BaseConnection;
import org.red5.server.api.IConnection;

/**
 * Red5 1.3.x only closes a broadcast on deleteStream or disconnect when the connection's duty is PUBLISHER,
 * and nothing in 1.3.x ever sets that duty: without this, streamBroadcastClose never fires and the stream
 * name stays taken after the publisher leaves. Red5 2.0 dropped the check; marking the duty there is harmless.
 */
final class PublisherDuty {
    private PublisherDuty() {
    }

    static void mark(IConnection connection) {
        if (connection instanceof BaseConnection base && base.getDuty() == IConnection.Duty.UNDEFINED) {
            base.setDuty(IConnection.Duty.PUBLISHER);
        }
    }
}
