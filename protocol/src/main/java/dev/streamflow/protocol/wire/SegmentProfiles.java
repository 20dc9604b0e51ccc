package dev.streamflow.protocol.wire;

import dev.streamflow.protocol.net.SegData;
import dev.streamflow.protocol.net.VideoProfile;

import java.util.List;

/**
 * Which of SegData's three profile fields carries the outputs (reference §1.2, go-livepeer {@code NetSegData}),
 * and how an orchestrator reads them back ({@code fullProfiles3}, else {@code fullProfiles2}, else
 * {@code fullProfiles}).
 */
public final class SegmentProfiles {
    /** What goes in the legacy {@code profiles} field, so that very old orchestrators fail instead of guessing. */
    public static final String LEGACY_PROFILES = "invalid";

    private SegmentProfiles() {
    }

    public static SegData.Builder put(SegData.Builder segData, List<VideoProfile> profiles) {
        if (profiles.stream().anyMatch(SegmentProfiles::needsThirdField)) {
            return segData.addAllFullProfiles3(profiles);
        }
        if (profiles.stream().anyMatch(p -> p.getFormat() != VideoProfile.Format.MPEGTS)) {
            return segData.addAllFullProfiles2(profiles);
        }
        return segData.addAllFullProfiles(profiles);
    }

    public static List<VideoProfile> read(SegData segData) {
        if (segData.getFullProfiles3Count() > 0) {
            return segData.getFullProfiles3List();
        }
        if (segData.getFullProfiles2Count() > 0) {
            return segData.getFullProfiles2List();
        }
        return segData.getFullProfilesList();
    }

    /** A profile with its name, frame size, bitrate (bits/s) and integer frame rate; everything else default. */
    public static VideoProfile profile(String name, int width, int height, int bitrateBitsPerSecond, int fps) {
        return VideoProfile.newBuilder().setName(name).setWidth(width).setHeight(height)
                .setBitrate(bitrateBitsPerSecond).setFps(fps).build();
    }

    private static boolean needsThirdField(VideoProfile p) {
        return p.getFpsDen() != 0 || p.getProfile() != VideoProfile.Profile.ENCODER_DEFAULT || p.getGop() != 0;
    }
}
