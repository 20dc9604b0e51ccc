package dev.streamflow.adapter.antmedia;

import io.antmedia.AppSettings;
import io.antmedia.IAppSettingsUpdateListener;
import io.antmedia.datastore.db.DataStore;
import io.antmedia.datastore.db.types.Broadcast;
import io.antmedia.muxer.IAntMediaStreamHandler;
import io.antmedia.muxer.MuxAdaptor;
import io.antmedia.plugin.PacketFeeder;
import io.antmedia.plugin.api.IFrameListener;
import io.antmedia.plugin.api.IPacketListener;
import io.antmedia.plugin.api.IStreamListener;
import io.antmedia.plugin.api.StreamParametersInfo;
import io.antmedia.webrtc.datachannel.IDataChannelRouter;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.javacpp.PointerPointer;
import org.red5.server.api.scope.IScope;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;

/**
 * One Ant Media application as far as a plugin sees it, built on the host's own classes: its
 * {@link IAntMediaStreamHandler} interface, its {@link PacketFeeder} (which reuses one {@code AVPacket} and unrefs
 * it after every callback) and its {@link StreamParametersInfo}. A publish reads a real file with FFmpeg and
 * delivers it the way AMS's MuxAdaptor does: RTMP ingest as FLV tag payloads through
 * {@code writeVideoBuffer/writeAudioBuffer} (AVCC, raw AAC, milliseconds), a pulled stream as the demuxer's
 * packets through {@code writePacket} (here MPEG-TS: Annex B, ADTS, 1/90000).
 */
public final class TestAntMediaApp implements IAntMediaStreamHandler {

    public enum Ingest { RTMP, PULL }

    private final IScope scope;
    private final List<IStreamListener> streamListeners = new CopyOnWriteArrayList<>();
    private final Map<String, Publish> live = new ConcurrentHashMap<>();

    public TestAntMediaApp(String name) {
        this.scope = (IScope) Proxy.newProxyInstance(IScope.class.getClassLoader(), new Class<?>[]{IScope.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getName" -> name;
                    case "toString" -> "scope " + name;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** Starts a publish: the stream's parameters are known, then the stream listeners hear of it (as in AMS). */
    public Publish start(String streamId, Path file, Ingest ingest) throws IOException {
        Publish publish = new Publish(streamId, file, ingest);
        live.put(streamId, publish);
        Broadcast broadcast = new Broadcast();
        try {
            broadcast.setStreamId(streamId);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
        publish.broadcast = broadcast;
        for (IStreamListener listener : streamListeners) {
            listener.streamStarted(broadcast.getStreamId());
            listener.streamStarted(broadcast);
        }
        return publish;
    }

    public int packetListeners(String streamId) {
        Publish publish = live.get(streamId);
        return publish == null ? 0 : publish.listeners.size();
    }

    public int streamListeners() {
        return streamListeners.size();
    }

    /** One publisher: its file, the host's feeder and the listeners the feeder calls. */
    public final class Publish {
        private final String streamId;
        private final Ingest ingest;
        private final AVFormatContext input = new AVFormatContext(null);
        private final PacketFeeder feeder;
        private final List<IPacketListener> listeners = new CopyOnWriteArrayList<>();
        private final int video;
        private final int audio;
        private Broadcast broadcast;
        private long delivered;

        private Publish(String streamId, Path file, Ingest ingest) throws IOException {
            this.streamId = streamId;
            this.ingest = ingest;
            if (avformat_open_input(input, file.toString(), null, null) < 0
                    || avformat_find_stream_info(input, (PointerPointer<?>) null) < 0) {
                throw new IOException("cannot open " + file);
            }
            this.video = first(AVMEDIA_TYPE_VIDEO);
            this.audio = first(AVMEDIA_TYPE_AUDIO);
            this.feeder = new PacketFeeder(streamId);
        }

        /** Delivers every packet of the file, then ends the stream as AMS does (trailer, then streamFinished). */
        public void run() {
            AVPacket packet = av_packet_alloc();
            try {
                while (av_read_frame(input, packet) >= 0) {
                    deliver(packet);
                    av_packet_unref(packet);
                }
            } finally {
                av_packet_free(packet);
            }
            feeder.writeTrailer();
            listeners.forEach(l -> feeder.removeListener(l));
            live.remove(streamId);
            for (IStreamListener listener : streamListeners) {
                listener.streamFinished(broadcast.getStreamId());
                listener.streamFinished(broadcast);
            }
            avformat_close_input(input);
        }

        public long delivered() {
            return delivered;
        }

        private void deliver(AVPacket packet) {
            int index = packet.stream_index();
            if (index != video && index != audio) {
                return;
            }
            delivered++;
            if (ingest == Ingest.PULL) {
                feeder.writePacket(packet, index == video ? AVMEDIA_TYPE_VIDEO : AVMEDIA_TYPE_AUDIO);
                return;
            }
            ByteBuffer payload = ByteBuffer.allocateDirect(packet.size());
            payload.put(packet.data().capacity(packet.size()).asBuffer()).flip();
            if (index == video) {
                feeder.writeVideoBuffer(payload, packet.dts(), 0, video, (packet.flags() & AV_PKT_FLAG_KEY) != 0, 0, packet.pts());
            } else {
                feeder.writeAudioBuffer(payload, audio, packet.dts());
            }
            // the host's buffers are reused: a listener that kept a reference would now see garbage
            payload.clear();
            while (payload.hasRemaining()) {
                payload.put((byte) 0x5a);
            }
        }

        private boolean addListener(IPacketListener listener) {
            listener.setVideoStreamInfo(streamId, info(video));
            listener.setAudioStreamInfo(streamId, info(audio));
            listeners.add(listener);
            return feeder.addListener(listener);
        }

        private StreamParametersInfo info(int index) {
            StreamParametersInfo info = new StreamParametersInfo();
            if (index >= 0) {
                AVStream stream = input.streams(index);
                info.setCodecParameters(stream.codecpar());
                info.setTimeBase(stream.time_base());
                info.setEnabled(true);
            }
            return info;
        }

        private int first(int mediaType) {
            for (int i = 0; i < input.nb_streams(); i++) {
                if (input.streams(i).codecpar().codec_type() == mediaType) {
                    return i;
                }
            }
            return -1;
        }
    }

    @Override
    public IScope getScope() {
        return scope;
    }

    @Override
    public void addStreamListener(IStreamListener listener) {
        streamListeners.add(listener);
    }

    @Override
    public void removeStreamListener(IStreamListener listener) {
        streamListeners.remove(listener);
    }

    @Override
    public boolean addPacketListener(String streamId, IPacketListener listener) {
        Publish publish = live.get(streamId);
        return publish != null && publish.addListener(listener);
    }

    @Override
    public boolean removePacketListener(String streamId, IPacketListener listener) {
        Publish publish = live.get(streamId);
        return publish != null && publish.listeners.remove(listener) && publish.feeder.removeListener(listener);
    }

    // Nothing below is used by the plugin.

    @Override
    public void muxingFinished(String id, File file, long startTime, long duration, int resolution, String path, String vodId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void muxingFinished(Broadcast broadcast, String streamId, File file, long startTime, long duration, int resolution,
                               String previewFilePath, String vodId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setQualityParameters(String streamId, String quality, double speed, int inputQueueSize, long currentTimeMillis) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void muxAdaptorAdded(MuxAdaptor muxAdaptor) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void muxAdaptorRemoved(MuxAdaptor muxAdaptor) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean isValidStreamParameters(int width, int height, int fps, int bitrate, String streamId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean isServerShuttingDown() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void startPublish(String streamName, long absoluteStartTimeMs, String publishType) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void startPublish(String streamId, long absoluteStartTimeMs, String publishType, String subscriberId,
                             Map<String, String> publishParameters) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void stopPublish(String streamId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void stopPublish(String streamId, String subscriberId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void stopPublish(String streamId, String subscriberId, Map<String, String> publishParameters) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Broadcast updateBroadcastStatus(String streamId, long absoluteStartTimeMs, String publishType, Broadcast broadcast) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void addFrameListener(String streamId, IFrameListener listener) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void removeFrameListener(String streamId, IFrameListener listener) {
        throw new UnsupportedOperationException();
    }

    @Override
    public IFrameListener createCustomBroadcast(String streamId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public IFrameListener createCustomBroadcast(String streamId, int height, int bitrate) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void stopCustomBroadcast(String streamId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public MuxAdaptor getMuxAdaptor(String streamId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public AppSettings getAppSettings() {
        throw new UnsupportedOperationException();
    }

    @Override
    public DataStore getDataStore() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void notifyWebhookForStreamStatus(Broadcast broadcast, int width, int height, long totalByteReceived,
                                             int inputQueueSize, int encodingQueueSize, int dropFrameCountInEncoding,
                                             int dropPacketCountInIngestion, double speed) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void addSettingsUpdateListener(IAppSettingsUpdateListener listener) {
        throw new UnsupportedOperationException();
    }

    @Override
    public IDataChannelRouter getDataChannelRouter() {
        throw new UnsupportedOperationException();
    }
}
