package dev.streamflow.core.dispatch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Notes when each segment first appears in a media playlist, by polling it every 20 ms (an observation, not a wait). */
final class PublicationWatch implements AutoCloseable {
    private final Path playlist;
    private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();
    private final Thread poller;
    private volatile boolean running = true;

    PublicationWatch(Path playlist) {
        this.playlist = playlist;
        this.poller = new Thread(this::poll, "publication-watch");
        poller.setDaemon(true);
        poller.start();
    }

    /** When {@code <sequence>.ts} was first listed, or null. */
    Instant published(long sequence) {
        return firstSeen.get(sequence + ".ts");
    }

    private void poll() {
        while (running) {
            try {
                if (Files.exists(playlist)) {
                    Instant now = Instant.now();
                    for (String line : Files.readAllLines(playlist)) {
                        if (line.endsWith(".ts")) {
                            firstSeen.putIfAbsent(line.substring(line.lastIndexOf('/') + 1), now);
                        }
                    }
                }
                Thread.sleep(20);
            } catch (IOException e) {
                // replaced while being read: the next poll sees it
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        poller.interrupt();
        poller.join();
    }
}
