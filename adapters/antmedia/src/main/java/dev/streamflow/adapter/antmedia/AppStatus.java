package dev.streamflow.adapter.antmedia;

import java.util.List;

/**
 * What the status endpoint reports for one Ant Media app.
 *
 * @param running whether the server-wide Streamflow runtime is up (false: see the server log for why)
 * @param streams the app's streams being transcoded right now
 * @param rules   the server's channel rules in the order they are tried (run-time ones, newest first, then
 *                {@code streamflow.channels}), e.g. {@code LiveApp/private-* disabled}
 */
public record AppStatus(String app, boolean running, List<StreamStatus> streams, List<String> rules) {
    public AppStatus {
        streams = List.copyOf(streams);
        rules = List.copyOf(rules);
    }

    /** One transcoded stream and where its ladder is served. */
    public record StreamStatus(String streamId, String masterPlaylist) {
    }
}
