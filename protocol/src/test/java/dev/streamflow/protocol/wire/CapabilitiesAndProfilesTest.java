package dev.streamflow.protocol.wire;

import dev.streamflow.protocol.net.Capabilities;
import dev.streamflow.protocol.net.SegData;
import dev.streamflow.protocol.net.VideoProfile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CapabilitiesAndProfilesTest {
    private static final VideoProfile TS = SegmentProfiles.profile("P240p30fps16x9", 426, 240, 600_000, 30);
    private static final Capabilities ORCHESTRATOR = WireCapabilities.toProto(
            CapabilitySet.of(Capability.H264, Capability.MPEGTS, Capability.STORAGE_DIRECT, Capability.AUTH_TOKEN),
            CapabilitySet.of(Capability.AUTH_TOKEN), Map.of(), "0.1.0");

    @Test
    void highBitsUseLaterWords() {
        CapabilitySet set = CapabilitySet.of(Capability.H264).with(Capability.SEGMENT_SLICING);
        assertEquals(List.of(1L | 1L << 26), set.toWords());
        assertEquals(set, CapabilitySet.fromWords(set.toWords()));
        CapabilitySet far = CapabilitySet.fromWords(List.of(0L, 2L));
        assertEquals("{65}", far.toString());
        assertThrows(IllegalArgumentException.class, () -> CapabilitySet.fromWords(java.util.Collections.nCopies(65, 1L)));
    }

    @Test
    void compatibilityAsGoLivepeerChecksIt() {
        Capabilities job = job(WireCapabilities.forJob(List.of(TS)));
        assertTrue(WireCapabilities.incompatibility(job, ORCHESTRATOR).isEmpty());

        Capabilities noToken = job(CapabilitySet.of(Capability.H264, Capability.MPEGTS));
        assertTrue(WireCapabilities.incompatibility(noToken, ORCHESTRATOR).orElseThrow().contains("mandatory"));
        assertTrue(WireCapabilities.incompatibility(Capabilities.getDefaultInstance(), ORCHESTRATOR).isPresent(),
                "a segment without capabilities fails the mandatory check");

        Capabilities phash = job(WireCapabilities.forJob(List.of(TS)).with(Capability.MPEG7_VIDEO_SIGNATURE));
        assertTrue(WireCapabilities.incompatibility(phash, ORCHESTRATOR).orElseThrow().contains("only"));
    }

    @Test
    void jobCapabilitiesFollowTheOutputs() {
        VideoProfile mp4Hevc = TS.toBuilder().setFormat(VideoProfile.Format.MP4).setEncoder(VideoProfile.VideoCodec.H265).build();
        CapabilitySet set = WireCapabilities.forJob(List.of(mp4Hevc));
        assertTrue(set.contains(Capability.MP4) && set.contains(Capability.HEVC_ENCODE) && !set.contains(Capability.MPEGTS));
        VideoProfile fancy = TS.toBuilder().setFpsDen(1001).setProfile(VideoProfile.Profile.H264_MAIN).setGop(2000).build();
        CapabilitySet fancySet = WireCapabilities.forJob(List.of(fancy));
        assertTrue(fancySet.contains(Capability.FRACTIONAL_FRAMERATES) && fancySet.contains(Capability.PROFILE_H264_MAIN)
                && fancySet.contains(Capability.GOP));
    }

    @Test
    void profilesGoInTheFieldGoLivepeerWouldUse() {
        SegData plain = SegmentProfiles.put(SegData.newBuilder(), List.of(TS)).build();
        assertEquals(1, plain.getFullProfilesCount());
        assertEquals(0, plain.getFullProfiles2Count() + plain.getFullProfiles3Count());

        VideoProfile mp4 = TS.toBuilder().setFormat(VideoProfile.Format.MP4).build();
        SegData second = SegmentProfiles.put(SegData.newBuilder(), List.of(TS, mp4)).build();
        assertEquals(2, second.getFullProfiles2Count());

        VideoProfile gop = TS.toBuilder().setGop(1000).build();
        SegData third = SegmentProfiles.put(SegData.newBuilder(), List.of(mp4, gop)).build();
        assertEquals(2, third.getFullProfiles3Count());
        assertEquals(List.of(mp4, gop), SegmentProfiles.read(third));

        SegData all = SegData.newBuilder().addFullProfiles(TS).addFullProfiles2(mp4).addFullProfiles3(gop).build();
        assertEquals(List.of(gop), SegmentProfiles.read(all), "the orchestrator reads fullProfiles3 first");
    }

    private static Capabilities job(CapabilitySet bits) {
        return WireCapabilities.toProto(bits, CapabilitySet.of(), Map.of(), "");
    }
}
