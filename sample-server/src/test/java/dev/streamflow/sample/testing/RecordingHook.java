package dev.streamflow.sample.testing;

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
public final class RecordingHook implements IngestHook {
    private final Map<StreamKey, Recorded> streams = new ConcurrentHashMap<>();
    private final Map<StreamKey, AtomicInteger> opens = new ConcurrentHashMap<>();

    public static final class Recorded implements StreamHandle {
        public final List<MediaPacket> packets = new CopyOnWriteArrayList<>();
        public final AtomicInteger closes = new AtomicInteger();

        @Override
        public void packet(MediaPacket packet) {
            packets.add(packet);
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }

        public List<MediaPacket> video() {
            return packets.stream().filter(MediaPacket::isVideo).toList();
        }

        public List<MediaPacket> audio() {
            return packets.stream().filter(MediaPacket::isAudio).toList();
        }
    }

    @Override
    public StreamHandle open(StreamKey stream) {
        Recorded recorded = new Recorded();
        streams.put(stream, recorded);
        opens.computeIfAbsent(stream, k -> new AtomicInteger()).incrementAndGet();
        return recorded;
    }

    public Recorded stream(StreamKey key) {
        return streams.get(key);
    }

    /** How many times the stream was opened (a republish opens it again). */
    public int opens(StreamKey key) {
        AtomicInteger n = opens.get(key);
        return n == null ? 0 : n.get();
    }

    public boolean isClosed(StreamKey key) {
        Recorded r = streams.get(key);
        return r != null && r.closes.get() > 0;
    }
}
