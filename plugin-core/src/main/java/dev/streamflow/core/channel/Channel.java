package dev.streamflow.core.channel;

import dev.streamflow.core.config.ChannelPolicy;
import dev.streamflow.core.dispatch.Dispatcher;
import dev.streamflow.core.ingest.IngestException;
import dev.streamflow.core.ingest.MediaPacket;
import dev.streamflow.core.ingest.StreamHandle;
import dev.streamflow.core.ingest.StreamKey;
import dev.streamflow.core.segment.Segment;
import dev.streamflow.core.segment.Segmenter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.Consumer;

/**
 * One live stream being transcoded: packets in from the host, segments out to the dispatcher, renditions
 * published in order. Whatever the publisher sends, nothing here throws into the host: a stream that
 * cannot be transcoded is ended with one log line that says why, and its HLS gets EXT-X-ENDLIST.
 */
final class Channel implements StreamHandle {
    private static final Logger log = LoggerFactory.getLogger(Channel.class);

    private final StreamKey stream;
    private final ChannelPolicy policy;
    private final Dispatcher dispatcher;
    private final OrderedPublication publication;
    private final Segmenter segmenter;
    private final Consumer<Channel> onClosed;
    private boolean stopped;

    Channel(StreamKey stream, ChannelPolicy policy, Dispatcher dispatcher, OrderedPublication publication,
            SegmenterFactory segmenters, Consumer<Channel> onClosed) {
        this.stream = stream;
        this.policy = policy;
        this.dispatcher = dispatcher;
        this.publication = publication;
        this.segmenter = segmenters.create(stream, this::segmentReady);
        this.onClosed = onClosed;
    }

    /** Builds the segmenter of a channel, given where its segments go. */
    interface SegmenterFactory {
        Segmenter create(StreamKey stream, Consumer<Segment> sink);
    }

    @Override
    public synchronized void packet(MediaPacket packet) {
        if (stopped) {
            return;
        }
        try {
            segmenter.accept(packet);
        } catch (IngestException e) {
            stop(e.getMessage() + " (stream ended)");
        } catch (RuntimeException e) {
            log.error("{}: unexpected failure while segmenting; ending the stream", stream, e);
            stop(null);
        }
    }

    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        try {
            segmenter.finish();
        } catch (IngestException | RuntimeException e) {
            log.warn("{}: the last, partial segment was dropped: {}", stream, e.getMessage());
        }
        stop(null);
        log.info("{}: publisher stopped", stream);
    }

    private void stop(String error) {
        stopped = true;
        if (error != null) {
            log.error(error);
        }
        segmenter.close();
        publication.end();
        onClosed.accept(this);
    }

    private void segmentReady(Segment segment) {
        publication.submit(segment, dispatcher.dispatch(segment, policy.ladder(), policy.dispatch()));
    }
}
