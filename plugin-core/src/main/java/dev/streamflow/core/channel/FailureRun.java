package dev.streamflow.core.channel;

import org.slf4j.Logger;

/**
 * Logs a run of failed segments once when it starts and once when it ends, instead of once per segment,
 * so a dead transcoder produces two log lines and not thirty a minute.
 */
final class FailureRun {
    private final Logger log;
    private final String stream;
    private long failedInRun;

    FailureRun(Logger log, String stream) {
        this.log = log;
        this.stream = stream;
    }

    void failed(long sequence, String reason) {
        if (failedInRun++ == 0) {
            log.warn("{}: segment {} skipped ({}); the HLS gets a discontinuity there. Further failures are counted, not logged",
                    stream, sequence, reason);
        }
    }

    void succeeded() {
        if (failedInRun > 0) {
            log.info("{}: publishing again after {} skipped segment(s)", stream, failedInRun);
            failedInRun = 0;
        }
    }
}
