package dev.streamflow.core.dispatch;

import dev.streamflow.bridge.engine.VideoProfile;
import dev.streamflow.protocol.net.Capabilities;
import dev.streamflow.protocol.wire.SegmentProfiles;
import dev.streamflow.protocol.wire.WireCapabilities;

import java.util.List;

/** A ladder as the wire carries it: name, frame size, bitrate and frame rate; H.264 in MPEG-TS with encoder defaults. */
public final class WireLadder {

    private WireLadder() {
    }

    public static List<dev.streamflow.protocol.net.VideoProfile> profiles(List<VideoProfile> ladder) {
        return ladder.stream().map(WireLadder::profile).toList();
    }

    public static dev.streamflow.protocol.net.VideoProfile profile(VideoProfile profile) {
        return SegmentProfiles.profile(profile.name(), profile.width(), profile.height(), profile.bitrateKbps() * 1000, profile.fps());
    }

    /** What a segment with this ladder asks of an orchestrator (go-livepeer's {@code JobCapabilities}). */
    public static Capabilities capabilities(List<VideoProfile> ladder) {
        return WireCapabilities.jobCapabilities(profiles(ladder));
    }
}
