package dev.streamflow.core.ingest;

/**
 * What an adapter holds for one live stream. Calls come from the host's ingest thread for that stream,
 * in order; {@link #packet} never blocks on transcoding and never throws into the host.
 */
public interface StreamHandle extends AutoCloseable {

    /** Hands over one packet; the handle owns it from now on. */
    void packet(MediaPacket packet);

    /** The publisher stopped (or disconnected): flush what is buffered and end the stream's HLS. */
    @Override
    void close();
}
