package dev.streamflow.core.channel;

import dev.streamflow.core.config.Settings;
import dev.streamflow.core.dispatch.Dispatcher;
import dev.streamflow.core.hls.HlsPublisher;
import dev.streamflow.core.hls.HlsSettings;
import dev.streamflow.core.hls.SegmentStore;
import dev.streamflow.core.ingest.IngestHook;
import dev.streamflow.core.ingest.StreamHandle;
import dev.streamflow.core.ingest.StreamKey;
import dev.streamflow.core.segment.Segmenter;
import dev.streamflow.core.segment.SegmenterSettings;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The ingest hook: opens a {@link Channel} for every stream the host starts and keeps track of the live ones. */
public final class LiveStreams implements IngestHook {
    private static final Logger log = LoggerFactory.getLogger(LiveStreams.class);

    private final Settings settings;
    private final Dispatcher dispatcher;
    private final SegmentStore store;
    private final Clock clock;
    private final Map<StreamKey, Channel> live = new ConcurrentHashMap<>();

    @Inject
    public LiveStreams(Settings settings, Dispatcher dispatcher, SegmentStore store, Clock clock) {
        this.settings = settings;
        this.dispatcher = dispatcher;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public StreamHandle open(StreamKey stream) {
        var publisher = new HlsPublisher(stream, settings.ladder(), store, new HlsSettings(settings.hlsWindow()));
        var publication = new OrderedPublication(publisher, stream.toString());
        var segmenterSettings = new SegmenterSettings(settings.segmentTarget(), settings.segmentMaxDuration());
        Channel channel = new Channel(stream, settings.ladder(), dispatcher, publication,
                (key, sink) -> new Segmenter(key, segmenterSettings, clock, sink),
                closed -> live.remove(stream, closed));
        Channel previous = live.put(stream, channel);
        if (previous != null) {
            log.warn("{}: a second publisher started; the first one's stream is ended", stream);
            previous.close();
        }
        log.info("{}: transcoding with ladder {}", stream, settings.ladder().stream().map(p -> p.name()).toList());
        return channel;
    }

    /** Ends every live stream, as if each publisher had stopped. */
    public void closeAll() {
        live.values().forEach(Channel::close);
    }

    /** Streams being transcoded right now. */
    public Set<StreamKey> live() {
        return Set.copyOf(live.keySet());
    }
}
