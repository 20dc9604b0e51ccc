package dev.streamflow.sample.red5;

import org.red5.server.net.rtmp.RTMPConnManager;

/**
 * Red5 1.3's connection manager keeps its checker executor and its instance in static fields, and
 * {@code destroy()} shuts that executor down for good: a second embedded Red5 in the same JVM (a restart,
 * the next test class) then fails to create its manager. This one closes its connections and forgets the
 * static instance instead, so the next server gets a fresh manager on the same executor.
 */
public class RestartableConnManager extends RTMPConnManager {

    @Override
    public void destroy() {
        removeConnections();
        synchronized (RTMPConnManager.class) {
            if (instance == this) {
                instance = null;
            }
        }
    }
}
