package dev.streamflow.core.channel;

import dev.streamflow.bridge.engine.VideoProfile;
import dev.streamflow.core.config.ChannelPolicy;
import dev.streamflow.core.config.Settings;
import dev.streamflow.core.dispatch.Dispatcher;
import dev.streamflow.core.hls.HlsPublisher;
import dev.streamflow.core.hls.HlsSettings;
import dev.streamflow.core.hls.SegmentStore;
import dev.streamflow.core.ingest.IngestHook;
import dev.streamflow.core.ingest.MediaPacket;
import dev.streamflow.core.ingest.StreamHandle;
import dev.streamflow.core.ingest.StreamKey;
import dev.streamflow.core.segment.Segmenter;
import dev.streamflow.core.segment.SegmenterSettings;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The ingest hook: opens a {@link Channel} for every stream the host starts and keeps track of the live ones. */
public final class LiveStreams implements IngestHook {
    private static final Logger log = LoggerFactory.getLogger(LiveStreams.class);

    private final Settings settings;
    private final Channels channels;
    private final Dispatcher dispatcher;
    private final SegmentStore store;
    private final Clock clock;
    private final Map<StreamKey, Channel> live = new ConcurrentHashMap<>();

    /** What a stream of a channel that is not enabled gets: nothing is kept, the host carries on alone. */
    private static final StreamHandle PASS_THROUGH = new StreamHandle() {
        @Override
        public void packet(MediaPacket packet) {
        }

        @Override
        public void close() {
        }
    };

    @Inject
    public LiveStreams(Settings settings, Channels channels, Dispatcher dispatcher, SegmentStore store, Clock clock) {
        this.settings = settings;
        this.channels = channels;
        this.dispatcher = dispatcher;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public StreamHandle open(StreamKey stream) {
        Optional<ChannelPolicy> policy = channels.policyFor(stream);
        if (policy.isEmpty()) {
            log.info("{}: not an enabled channel; passing through untouched", stream);
            return PASS_THROUGH;
        }
        return transcode(stream, policy.get());
    }

    private StreamHandle transcode(StreamKey stream, ChannelPolicy policy) {
        var publisher = new HlsPublisher(stream, policy.ladder(), store, new HlsSettings(settings.hlsWindow()));
        var publication = new OrderedPublication(publisher, stream.toString());
        var segmenterSettings = new SegmenterSettings(settings.segmentTarget(), settings.segmentMaxDuration());
        Channel channel = new Channel(stream, policy, dispatcher, publication,
                (key, sink) -> new Segmenter(key, segmenterSettings, clock, sink),
                closed -> live.remove(stream, closed));
        Channel previous = live.put(stream, channel);
        if (previous != null) {
            log.warn("{}: a second publisher started; the first one's stream is ended", stream);
            previous.close();
        }
        log.info("{}: transcoding with ladder {}", stream, policy.ladder().stream().map(VideoProfile::name).toList());
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
