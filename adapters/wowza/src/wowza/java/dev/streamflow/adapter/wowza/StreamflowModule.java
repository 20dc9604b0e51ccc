package dev.streamflow.adapter.wowza;

import com.wowza.wms.amf.AMFPacket;
import com.wowza.wms.application.IApplicationInstance;
import com.wowza.wms.module.ModuleBase;
import com.wowza.wms.stream.IMediaStream;
import com.wowza.wms.stream.IMediaStreamLivePacketNotify;
import com.wowza.wms.stream.MediaStreamActionNotifyBase;
import dev.streamflow.core.ingest.IngestHook;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Streamflow as a Wowza Streaming Engine module ({@code <Module>} in {@code conf/<app>/Application.xml}). Only
 * glue: every published stream's live packets go to a {@link WowzaStream}; the runtime is the server's one
 * {@link WowzaRuntime}. Compiled only against the admin's own Wowza JARs ({@code -Dwowza.lib.dir}).
 */
public class StreamflowModule extends ModuleBase {
    /** Application property naming the configuration file; default {@code [WSE]/conf/streamflow.conf}. */
    public static final String CONFIG_PROPERTY = "streamflowConfig";

    private final Map<IMediaStream, Publisher> publishers = new ConcurrentHashMap<>();
    private volatile IngestHook hook;
    private volatile String app;

    public void onAppStart(IApplicationInstance appInstance) {
        app = appInstance.getApplication().getName();
        String config = appInstance.getProperties().getPropertyStr(CONFIG_PROPERTY, WowzaRuntime.defaultConfigFile().toString());
        hook = WowzaRuntime.acquire(Path.of(config)).ingest();
    }

    public void onAppStop(IApplicationInstance appInstance) {
        publishers.values().forEach(Publisher::end);
        publishers.clear();
        hook = null;
        WowzaRuntime.release();
    }

    public void onStreamCreate(IMediaStream stream) {
        Publisher publisher = new Publisher();
        publishers.put(stream, publisher);
        stream.addClientListener(publisher);
        stream.addLivePacketListener(publisher);
    }

    public void onStreamDestroy(IMediaStream stream) {
        Publisher publisher = publishers.remove(stream);
        if (publisher != null) {
            publisher.end();
        }
    }

    /** One stream's publish: opened on publish, fed by live packets, closed on unpublish. */
    private final class Publisher extends MediaStreamActionNotifyBase implements IMediaStreamLivePacketNotify {
        private volatile WowzaStream relay;

        @Override
        public void onPublish(IMediaStream stream, String streamName, boolean isRecord, boolean isAppend) {
            IngestHook ingest = hook;
            if (ingest != null && !stream.isTranscodeResult()) {
                relay = WowzaStream.open(ingest, app, streamName).orElse(null);
            }
        }

        @Override
        public void onUnPublish(IMediaStream stream, String streamName, boolean isRecord, boolean isAppend) {
            end();
        }

        @Override
        public void onLivePacket(IMediaStream stream, AMFPacket packet) {
            WowzaStream current = relay;
            if (current != null) {
                current.packet(packet.getType(), packet.getAbsTimecode(), packet.getData());
            }
        }

        void end() {
            WowzaStream current = relay;
            relay = null;
            if (current != null) {
                current.close();
            }
        }
    }
}
