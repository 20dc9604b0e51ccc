package dev.streamflow.core.dispatch;

import dev.streamflow.core.discovery.OrchestratorPool;
import dev.streamflow.protocol.client.SegmentClient;

import java.util.concurrent.ExecutorService;

/**
 * Everything the dispatcher needs to send segments out.
 *
 * @param pool        the offers
 * @param selector    who gets a segment, and the orchestrators' records
 * @param sessions    each stream's session per orchestrator
 * @param segments    the {@code /segment} client
 * @param payments    what each segment pays
 * @param workers     threads the blocking exchanges run on (one per attempt in flight)
 * @param maxAttempts remote attempts per segment, each on a different orchestrator
 */
public record RemoteOrchestrators(OrchestratorPool pool, Selector selector, SessionBook sessions, SegmentClient segments,
                                  SegmentPayments payments, ExecutorService workers, int maxAttempts) {
}
