package io.antmedia.plugin;

import dev.streamflow.adapter.antmedia.AmsLayout;
import dev.streamflow.adapter.antmedia.AmsStreamflow;
import dev.streamflow.adapter.antmedia.AppIngest;
import dev.streamflow.adapter.antmedia.ChannelAdmin;
import dev.streamflow.adapter.antmedia.SharedRuntime;
import dev.streamflow.core.Streamflow;
import io.antmedia.AntMediaApplicationAdapter;
import io.antmedia.datastore.db.types.Broadcast;
import io.antmedia.muxer.IAntMediaStreamHandler;
import io.antmedia.plugin.api.IStreamListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Streamflow's entry point in Ant Media Server. The host component-scans this package in every application and
 * creates one instance per app; all the work is done by {@link AppIngest} on the server-wide runtime.
 */
@Component(StreamflowPlugin.BEAN_NAME)
public class StreamflowPlugin implements ApplicationContextAware, IStreamListener, DisposableBean {
    public static final String BEAN_NAME = "plugin.streamflow";
    private static final Logger log = LoggerFactory.getLogger(StreamflowPlugin.class);

    private IAntMediaStreamHandler host;
    private Streamflow streamflow;
    private AppIngest ingest;

    @Override
    public void setApplicationContext(ApplicationContext context) {
        host = (IAntMediaStreamHandler) context.getBean(AntMediaApplicationAdapter.BEAN_NAME);
        AmsLayout layout = AmsLayout.fromSystem();
        try {
            streamflow = SharedRuntime.acquire(() -> AmsStreamflow.start(layout));
        } catch (RuntimeException e) {
            log.error("Streamflow is off: it could not start ({}); fix {} and restart the server", e.getMessage(),
                    layout.configFile(), e);
            return;
        }
        ingest = new AppIngest(host, streamflow, layout);
        host.addStreamListener(this);
    }

    @Override
    public void streamStarted(Broadcast broadcast) {
        if (ingest != null) {
            ingest.started(broadcast.getStreamId());
        }
    }

    @Override
    public void streamFinished(Broadcast broadcast) {
        if (ingest != null) {
            ingest.finished(broadcast.getStreamId());
        }
    }

    @Override
    public void joinedTheRoom(String roomId, String streamId) {
        // conference rooms are not transcoded; each participant's stream starts on its own
    }

    @Override
    public void leftTheRoom(String roomId, String streamId) {
        // see joinedTheRoom
    }

    /** What this app's REST endpoints act on; empty when Streamflow could not start. */
    public Optional<ChannelAdmin> admin() {
        return Optional.ofNullable(ingest);
    }

    @Override
    public void destroy() {
        if (ingest != null) {
            host.removeStreamListener(this);
            ingest.stop();
            SharedRuntime.release(streamflow);
            ingest = null;
        }
    }
}
