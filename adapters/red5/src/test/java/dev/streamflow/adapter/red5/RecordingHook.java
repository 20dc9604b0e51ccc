package dev.streamflow.adapter.red5;

import dev.streamflow.core.ingest.IngestHook;
import dev.streamflow.core.ingest.MediaPacket;
import dev.streamflow.core.ingest.StreamHandle;
import dev.streamflow.core.ingest.StreamKey;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** An IngestHook that keeps everything it is handed, per stream. */
final class RecordingHook implements IngestHook {
    private final Map<StreamKey, Recorded> streams = new ConcurrentHashMap<>();

    static final class Recorded implements StreamHandle {
        final List<MediaPacket> packets = new CopyOnWriteArrayList<>();
        final AtomicInteger closes = new AtomicInteger();

        @Override
        public void packet(MediaPacket packet) {
            packets.add(packet);
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }

    @Override
    public StreamHandle open(StreamKey stream) {
        Recorded recorded = new Recorded();
        streams.put(stream, recorded);
        return recorded;
    }

    Recorded stream(StreamKey key) {
        return streams.get(key);
    }

    Map<StreamKey, Recorded> all() {
        return streams;
    }
}
