package dev.streamflow.adapter.red5;

import org.red5.server.adapter.MultiThreadedApplicationAdapter;
import org.red5.server.api.stream.IBroadcastStream;
import org.red5.server.api.stream.IClientStream;

/**
 * A Red5 application ({@code web.handler}) whose broadcasts Streamflow transcodes. It only delegates to
 * {@link Red5Ingest}; Red5's own handling of the streams (playback, recording) is untouched.
 */
public class StreamflowApplication extends MultiThreadedApplicationAdapter {
    private final Red5Ingest ingest;

    public StreamflowApplication(Red5Ingest ingest) {
        this.ingest = ingest;
    }

    @Override
    public void streamPublishStart(IBroadcastStream stream) {
        super.streamPublishStart(stream);
        // the stream's own connection: Red5.getConnectionLocal() can name another publisher's under concurrency
        if (stream instanceof IClientStream client) {
            PublisherDuty.mark(client.getConnection());
        }
    }

    @Override
    public void streamBroadcastStart(IBroadcastStream stream) {
        super.streamBroadcastStart(stream);
        ingest.broadcastStarted(stream);
    }

    @Override
    public void streamBroadcastClose(IBroadcastStream stream) {
        ingest.broadcastClosed(stream);
        super.streamBroadcastClose(stream);
    }
}
