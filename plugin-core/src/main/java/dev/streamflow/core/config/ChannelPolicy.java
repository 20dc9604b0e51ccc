package dev.streamflow.core.config;

import dev.streamflow.bridge.engine.VideoProfile;
import dev.streamflow.core.dispatch.DispatchPolicy;

import java.util.List;

/**
 * How one channel is transcoded: its ladder, and what it pays, how redundantly and how often its results
 * get the deep verification check.
 */
public record ChannelPolicy(List<VideoProfile> ladder, DispatchPolicy dispatch) {

    public ChannelPolicy {
        ladder = List.copyOf(ladder);
        if (ladder.isEmpty()) {
            throw new IllegalArgumentException("a channel's ladder must list at least one profile");
        }
    }
}
