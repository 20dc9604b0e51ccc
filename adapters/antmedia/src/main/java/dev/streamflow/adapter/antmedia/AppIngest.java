package dev.streamflow.adapter.antmedia;

import dev.streamflow.core.Streamflow;
import dev.streamflow.core.config.ChannelRule;
import dev.streamflow.core.ingest.StreamKey;
import io.antmedia.muxer.IAntMediaStreamHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Streamflow in one Ant Media application: for each stream that starts in an enabled channel it adds a
 * {@link PacketRelay} to the host's stream, and removes it when the stream finishes. Streams of channels that are
 * not enabled are never touched.
 */
public final class AppIngest implements ChannelAdmin {
    private static final Logger log = LoggerFactory.getLogger(AppIngest.class);

    private final IAntMediaStreamHandler host;
    private final Streamflow streamflow;
    private final AmsLayout layout;
    private final Map<String, PacketRelay> relays = new ConcurrentHashMap<>();
    private volatile String app;
    private boolean linked;

    public AppIngest(IAntMediaStreamHandler host, Streamflow streamflow, AmsLayout layout) {
        this.host = host;
        this.streamflow = streamflow;
        this.layout = layout;
    }

    /** The host started publishing {@code streamId}. */
    public void started(String streamId) {
        Optional<StreamKey> key = key(streamId);
        if (key.isEmpty() || streamflow.channels().policyFor(key.get()).isEmpty() || !linkHls()) {
            return;
        }
        finished(streamId); // a publisher that reconnects before AMS reported the end of its last stream
        PacketRelay relay = new PacketRelay(key.get(), streamflow.ingest().open(key.get()));
        relays.put(streamId, relay);
        if (!host.addPacketListener(streamId, relay)) {
            log.warn("{}: Ant Media did not accept a packet listener; the stream is not transcoded", key.get());
            relays.remove(streamId, relay);
            relay.close();
        }
    }

    /** The host stopped {@code streamId}: its HLS gets its end once the last segments are published. */
    public void finished(String streamId) {
        PacketRelay relay = relays.remove(streamId);
        if (relay != null) {
            detach(streamId, relay);
        }
    }

    /** The application stops: every stream of it ends. */
    public void stop() {
        relays.keySet().forEach(this::finished);
    }

    @Override
    public AppStatus status() {
        String name = app();
        var streams = relays.keySet().stream().sorted(Comparator.naturalOrder())
                .map(id -> new AppStatus.StreamStatus(id, AmsLayout.masterUrlPath(name, id))).toList();
        var rules = streamflow.channels().rules().stream().map(AppIngest::describe).toList();
        return new AppStatus(name, SharedRuntime.running(), streams, rules);
    }

    @Override
    public void enable(String streams) {
        streamflow.channels().enable(app(), streams);
    }

    @Override
    public void disable(String streams) {
        streamflow.channels().disable(app(), streams);
    }

    private static String describe(ChannelRule rule) {
        return rule.app() + "/" + rule.streams() + (rule.enabled() ? " enabled" : " disabled");
    }

    private void detach(String streamId, PacketRelay relay) {
        host.removePacketListener(streamId, relay);
        relay.close();
    }

    private Optional<StreamKey> key(String streamId) {
        try {
            return Optional.of(new StreamKey(app(), streamId));
        } catch (IllegalArgumentException e) {
            log.warn("stream '{}' is not transcoded: {}", streamId, e.getMessage());
            return Optional.empty();
        }
    }

    /** The host sets the app's scope after creating the plugin, so the name is read at the first use. */
    private String app() {
        String name = app;
        if (name == null) {
            name = host.getScope().getName();
            app = name;
        }
        return name;
    }

    private synchronized boolean linkHls() {
        if (!linked) {
            try {
                layout.linkApp(app());
                linked = true;
            } catch (IOException e) {
                log.error("{}: cannot prepare the HLS folder {}; streams of this app are not transcoded: {}",
                        app(), layout.appHls(app()), e.toString());
            }
        }
        return linked;
    }
}
