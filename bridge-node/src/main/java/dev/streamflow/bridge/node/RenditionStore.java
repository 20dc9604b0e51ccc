package dev.streamflow.bridge.node;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Renditions waiting to be downloaded, by URL path: each for {@code ttl} after it was stored, and at most
 * {@code maxBytes} in all (the oldest go first). Every entry lives equally long, so insertion order is expiry
 * order and a queue suffices.
 */
final class RenditionStore {
    private final Duration ttl;
    private final long maxBytes;
    private final LongSupplier nanoTime;
    private final Map<String, Entry> entries = new HashMap<>();
    private final Deque<String> order = new ArrayDeque<>();
    private long bytes;

    RenditionStore(Duration ttl, long maxBytes, LongSupplier nanoTime) {
        this.ttl = ttl;
        this.maxBytes = maxBytes;
        this.nanoTime = nanoTime;
    }

    synchronized void put(String path, byte[] data) {
        remove(path);
        entries.put(path, new Entry(data, nanoTime.getAsLong() + ttl.toNanos()));
        order.addLast(path);
        bytes += data.length;
        evict();
    }

    synchronized Optional<byte[]> get(String path) {
        evict();
        Entry entry = entries.get(path);
        return entry == null ? Optional.empty() : Optional.of(entry.data);
    }

    synchronized long bytes() {
        return bytes;
    }

    private void evict() {
        long now = nanoTime.getAsLong();
        while (!order.isEmpty()) {
            String oldest = order.peekFirst();
            Entry entry = entries.get(oldest);
            if (entry != null && now - entry.expiresAt < 0 && bytes <= maxBytes) {
                return;
            }
            order.pollFirst();
            if (entry != null) {
                entries.remove(oldest);
                bytes -= entry.data.length;
            }
        }
    }

    private void remove(String path) {
        Entry old = entries.remove(path);
        if (old != null) {
            bytes -= old.data.length;
            order.remove(path);
        }
    }

    private record Entry(byte[] data, long expiresAt) {
    }
}
