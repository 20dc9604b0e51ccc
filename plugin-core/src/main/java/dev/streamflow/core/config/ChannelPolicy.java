package dev.streamflow.core.config;

import dev.streamflow.bridge.engine.VideoProfile;
import dev.streamflow.core.dispatch.DispatchPolicy;

import java.util.List;

/**
 * How one channel is transcoded: its ladder, what it pays and how redundantly, and the share of its
 * segments that get the deep verification check.
 */
public record ChannelPolicy(List<VideoProfile> ladder, DispatchPolicy dispatch, double verificationRate) {

    public ChannelPolicy {
        ladder = List.copyOf(ladder);
        if (ladder.isEmpty()) {
            throw new IllegalArgumentException("a channel's ladder must list at least one profile");
        }
        if (!(verificationRate >= 0 && verificationRate <= 1)) {
            throw new IllegalArgumentException("verification-rate must be between 0 and 1, was " + verificationRate);
        }
    }
}
