package dev.streamflow.core.hls;

import java.io.IOException;

/**
 * Where published HLS files go: a directory served by the host today, object storage later. Paths are relative
 * and use {@code /}, e.g. {@code live/demo/720p30/42.ts}.
 */
public interface SegmentStore {

    /** Creates or replaces a file so that a reader sees either the old content or the new, never a part. */
    void write(String path, byte[] content) throws IOException;

    /** Removes a file; removing one that does not exist is not an error. */
    void delete(String path) throws IOException;
}
