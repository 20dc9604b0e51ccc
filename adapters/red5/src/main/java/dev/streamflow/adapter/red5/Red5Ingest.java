package dev.streamflow.adapter.red5;

import dev.streamflow.core.ingest.IngestHook;
import dev.streamflow.core.ingest.StreamHandle;
import dev.streamflow.core.ingest.StreamKey;
import org.red5.server.api.stream.IBroadcastStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The Red5 glue: attaches a listener to every broadcast stream when it starts and ends it when the
 * broadcast closes. Only API that Red5 1.3 and 2.0 share is used (IBroadcastStream, IStreamListener,
 * IStreamPacket), so an application adapter and a server-wide plugin can both delegate here.
 */
public final class Red5Ingest {
    private static final Logger log = LoggerFactory.getLogger(Red5Ingest.class);

    /** A live publisher sends a packet at least every frame; this much silence means it has gone. */
    public static final Duration DEFAULT_SILENCE_LIMIT = Duration.ofSeconds(10);

    private final IngestHook hook;
    private final Duration silenceLimit;
    private final Map<IBroadcastStream, StreamIngestListener> active = new ConcurrentHashMap<>();
    private final ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "streamflow-red5-silence");
        thread.setDaemon(true);
        return thread;
    });

    public Red5Ingest(IngestHook hook) {
        this(hook, DEFAULT_SILENCE_LIMIT);
    }

    public Red5Ingest(IngestHook hook, Duration silenceLimit) {
        this.hook = hook;
        this.silenceLimit = silenceLimit;
        watch.scheduleWithFixedDelay(this::endSilentStreamsQuietly, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Ends streams whose publisher has sent nothing for the silence limit. Red5 1.3 sometimes never closes the
     * broadcast of a publisher that left (a race in its end-of-stream handling); without this, such a stream's
     * HLS would never end. Runs every second; returns how many streams it ended.
     */
    public int endSilentStreams() {
        long now = System.nanoTime();
        int ended = 0;
        for (Map.Entry<IBroadcastStream, StreamIngestListener> entry : active.entrySet()) {
            StreamIngestListener listener = entry.getValue();
            if (listener.silentNanos(now) >= silenceLimit.toNanos() && active.remove(entry.getKey(), listener)) {
                log.info("Stream {}: no packet for {} s; treating the publisher as gone", listener.key(),
                        silenceLimit.toSeconds());
                entry.getKey().removeStreamListener(listener);
                listener.publisherStopped();
                ended++;
            }
        }
        return ended;
    }

    /** Called when a publisher starts broadcasting; never throws into Red5. */
    public void broadcastStarted(IBroadcastStream stream) {
        try {
            StreamKey key = keyOf(stream);
            StreamHandle handle = hook.open(key);
            StreamIngestListener listener = new StreamIngestListener(key, handle);
            StreamIngestListener previous = active.put(stream, listener);
            if (previous != null) {
                previous.publisherStopped();
            }
            stream.addStreamListener(listener);
            log.debug("Stream {}: publisher started; handed to Streamflow", key);
        } catch (RuntimeException | LinkageError e) {
            log.warn("Stream '{}': Streamflow does not ingest it: {}", describe(stream), e.getMessage());
        }
    }

    /**
     * Called when the broadcast closes, whether the publisher stopped or disconnected (on Red5 1.3 only once
     * {@link PublisherDuty} has marked the publishing connection).
     */
    public void broadcastClosed(IBroadcastStream stream) {
        StreamIngestListener listener = active.remove(stream);
        if (listener != null) {
            stream.removeStreamListener(listener);
            listener.publisherStopped();
        }
    }

    private void endSilentStreamsQuietly() {
        try {
            endSilentStreams();
        } catch (RuntimeException | LinkageError e) {
            log.warn("checking for silent streams failed: {}", e.toString());
        }
    }

    /** Ends every stream being ingested (server shutdown): their outputs are flushed and closed. */
    public void closeAll() {
        watch.shutdownNow();
        active.forEach((stream, listener) -> {
            if (active.remove(stream, listener)) {
                stream.removeStreamListener(listener);
                listener.publisherStopped();
            }
        });
    }

    /** The streams being ingested right now, sorted by app and name. */
    public List<StreamKey> activeStreams() {
        return active.values().stream().filter(l -> !l.isEnded()).map(StreamIngestListener::key)
                .sorted(Comparator.comparing(StreamKey::app).thenComparing(StreamKey::stream))
                .toList();
    }

    private static StreamKey keyOf(IBroadcastStream stream) {
        String app = stream.getScope() == null ? null : stream.getScope().getName();
        return new StreamKey(app, stream.getPublishedName());
    }

    private static String describe(IBroadcastStream stream) {
        String app = stream.getScope() == null ? "?" : stream.getScope().getName();
        return app + "/" + stream.getPublishedName();
    }
}
