package dev.streamflow.core.ingest;

/**
 * The one entry point an adapter calls when the host starts a live stream. For a stream whose channel
 * is not enabled it returns a handle that ignores everything, so the host's own handling is untouched.
 */
public interface IngestHook {
    StreamHandle open(StreamKey stream);
}
