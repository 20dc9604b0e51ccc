package dev.streamflow.sample.red5;

import dev.streamflow.core.ingest.MediaPacket;
import dev.streamflow.core.ingest.flv.FlvTagException;
import dev.streamflow.core.ingest.flv.FlvTags;
import org.red5.server.adapter.MultiThreadedApplicationAdapter;
import org.red5.server.api.stream.IBroadcastStream;
import org.red5.server.api.stream.IStreamListener;
import org.red5.server.api.stream.IStreamPacket;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A plain Red5 application for tests: records the audio and video Red5 delivers for each published stream. */
public class RecordingApplication extends MultiThreadedApplicationAdapter {
    private final Map<String, List<MediaPacket>> received = new ConcurrentHashMap<>();

    @Override
    public void streamBroadcastStart(IBroadcastStream stream) {
        super.streamBroadcastStart(stream);
        List<MediaPacket> packets = received.computeIfAbsent(stream.getPublishedName(), n -> new CopyOnWriteArrayList<>());
        stream.addStreamListener(new Recorder(packets));
    }

    /** What Red5 delivered for a stream name, in order; empty if it was never published. */
    public List<MediaPacket> received(String stream) {
        return List.copyOf(received.getOrDefault(stream, List.of()));
    }

    private record Recorder(List<MediaPacket> packets) implements IStreamListener {
        @Override
        public void packetReceived(IBroadcastStream stream, IStreamPacket packet) {
            var data = packet.getData().duplicate();
            data.clear();
            data.limit(packet.getData().limit());
            byte[] body = new byte[data.remaining()];
            data.get(body);
            try {
                FlvTags.parse(packet.getDataType(), Integer.toUnsignedLong(packet.getTimestamp()), body)
                        .ifPresent(packets::add);
            } catch (FlvTagException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
