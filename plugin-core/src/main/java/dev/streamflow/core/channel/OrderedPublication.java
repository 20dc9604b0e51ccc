package dev.streamflow.core.channel;

import dev.streamflow.bridge.engine.Rendition;
import dev.streamflow.core.hls.HlsPublisher;
import dev.streamflow.core.segment.Segment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/**
 * Publishes one stream's segments strictly in sequence order while their transcodes finish in any order.
 * The head of the line waits at most for its own future, which the dispatcher bounds by a deadline; a
 * failed or late head becomes a gap (a discontinuity in the HLS) and the line moves on.
 */
final class OrderedPublication {
    private static final Logger log = LoggerFactory.getLogger(OrderedPublication.class);

    private final HlsPublisher publisher;
    private final String stream;
    private final TreeMap<Long, Pending> waiting = new TreeMap<>();
    private final FailureRun failures;
    private boolean ended;
    private boolean endWritten;
    private long published;
    private long gaps;

    private record Pending(Segment segment, CompletableFuture<List<Rendition>> renditions) {
    }

    OrderedPublication(HlsPublisher publisher, String stream) {
        this.publisher = publisher;
        this.stream = stream;
        this.failures = new FailureRun(log, stream);
    }

    void submit(Segment segment, CompletableFuture<List<Rendition>> renditions) {
        synchronized (this) {
            if (ended) {
                throw new IllegalStateException(stream + ": segment " + segment.sequence() + " submitted after the end");
            }
            waiting.put(segment.sequence(), new Pending(segment, renditions));
        }
        renditions.whenComplete((r, e) -> drain());
    }

    /** No more segments will come: once the ones in flight are published or skipped, the playlists end. */
    void end() {
        synchronized (this) {
            ended = true;
        }
        drain();
    }

    synchronized long published() {
        return published;
    }

    synchronized long gaps() {
        return gaps;
    }

    private synchronized void drain() {
        while (!waiting.isEmpty() && waiting.firstEntry().getValue().renditions().isDone()) {
            release(waiting.pollFirstEntry().getValue());
        }
        if (ended && waiting.isEmpty() && !endWritten) {
            endWritten = true;
            publisher.end();
            log.info("{}: stream ended; {} segments published, {} skipped", stream, published, gaps);
        }
    }

    private void release(Pending head) {
        Segment segment = head.segment();
        try {
            publisher.publish(segment, head.renditions().join());
            published++;
            failures.succeeded();
        } catch (RuntimeException e) {
            publisher.gap(segment);
            gaps++;
            failures.failed(segment.sequence(), reason(e));
        }
    }

    private static String reason(Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof TimeoutException) {
            return "not transcoded before its deadline";
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }
}
