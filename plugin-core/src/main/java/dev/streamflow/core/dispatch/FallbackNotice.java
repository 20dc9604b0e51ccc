package dev.streamflow.core.dispatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says once that segments are being transcoded locally because no orchestrator could, and once when an orchestrator
 * takes over again, with the count in between, instead of a line per segment.
 */
final class FallbackNotice {
    private static final Logger log = LoggerFactory.getLogger(FallbackNotice.class);

    private boolean local;
    private long localSegments;

    synchronized void transcodedLocally(String why) {
        if (!local) {
            log.warn("no orchestrator available ({}): transcoding locally until one is back", why);
            local = true;
            localSegments = 0;
        }
        localSegments++;
    }

    synchronized void transcodedRemotely(String orchestrator) {
        if (local) {
            log.info("orchestrator {} is back: transcoding remotely again after {} segment(s) transcoded locally",
                    orchestrator, localSegments);
            local = false;
        }
    }
}
