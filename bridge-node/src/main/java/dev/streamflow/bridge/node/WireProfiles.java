package dev.streamflow.bridge.node;

import dev.streamflow.bridge.engine.VideoProfile;
import dev.streamflow.protocol.wire.SegmentProfiles;

import java.util.List;

/**
 * Between the engine's {@link VideoProfile} and the protocol's: name, frame size, bitrate and frame rate are
 * honoured; the engine always makes H.264 in MPEG-TS, with its own encoder profile and one GOP per segment.
 */
public final class WireProfiles {
    /** What the engine allows; a passthrough request (fps 0) keeps the source rate up to this. */
    private static final int MAX_FPS = 120;

    private WireProfiles() {
    }

    public static dev.streamflow.protocol.net.VideoProfile toWire(VideoProfile profile) {
        return SegmentProfiles.profile(profile.name(), profile.width(), profile.height(), profile.bitrateKbps() * 1000, profile.fps());
    }

    public static List<dev.streamflow.protocol.net.VideoProfile> toWire(List<VideoProfile> profiles) {
        return profiles.stream().map(WireProfiles::toWire).toList();
    }

    /**
     * @throws IllegalArgumentException naming the profile and what this node cannot make of it
     */
    public static VideoProfile fromWire(dev.streamflow.protocol.net.VideoProfile wire) {
        String name = wire.getName();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a profile has no name (names are signed, so they must be sent)");
        }
        if (wire.getFormat() != dev.streamflow.protocol.net.VideoProfile.Format.MPEGTS) {
            throw new IllegalArgumentException("profile " + name + ": format " + wire.getFormat() + " is not supported (MPEG-TS only)");
        }
        if (wire.getEncoder() != dev.streamflow.protocol.net.VideoProfile.VideoCodec.H264) {
            throw new IllegalArgumentException("profile " + name + ": codec " + wire.getEncoder() + " is not supported (H.264 only)");
        }
        if (wire.getFpsDen() > 1) {
            throw new IllegalArgumentException("profile " + name + ": fractional frame rate " + wire.getFps() + "/" + wire.getFpsDen()
                    + " is not supported");
        }
        int fps = wire.getFps() == 0 ? MAX_FPS : (int) Math.min(Integer.MAX_VALUE, Integer.toUnsignedLong(wire.getFps()));
        int kbps = (int) Math.round(wire.getBitrate() / 1000.0);
        return new VideoProfile(name, wire.getWidth(), wire.getHeight(), fps, kbps);
    }
}
