package dev.streamflow.protocol.wire;

import dev.streamflow.protocol.net.Capabilities;
import dev.streamflow.protocol.net.VideoProfile;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Building, reading and matching the {@code Capabilities} message (reference §3.5). */
public final class WireCapabilities {

    private WireCapabilities() {
    }

    public static Capabilities toProto(CapabilitySet bitstring, CapabilitySet mandatories, Map<Integer, Integer> capacities,
                                       String version) {
        return Capabilities.newBuilder()
                .addAllBitstring(bitstring.toWords())
                .addAllMandatories(mandatories.toWords())
                .putAllCapacities(capacities)
                .setVersion(version)
                .build();
    }

    public static CapabilitySet bitstring(Capabilities capabilities) {
        return CapabilitySet.fromWords(capabilities.getBitstringList());
    }

    public static CapabilitySet mandatories(Capabilities capabilities) {
        return CapabilitySet.fromWords(capabilities.getMandatoriesList());
    }

    /**
     * What a broadcaster asks for when it sends {@code outputs} from H.264 4:2:0 8-bit input (go-livepeer's
     * {@code JobCapabilities}): always AuthToken, the input codec, and per output its format, encoder,
     * fractional frame rate, encoder profile and GOP. Default TS outputs give bits {0, 1, 12}.
     */
    public static CapabilitySet forJob(List<VideoProfile> outputs) {
        CapabilitySet set = CapabilitySet.of(Capability.AUTH_TOKEN, Capability.H264);
        for (VideoProfile output : outputs) {
            set = set.with(output.getFormat() == VideoProfile.Format.MP4 ? Capability.MP4 : Capability.MPEGTS);
            set = withEncoder(set, output.getEncoder());
            if (output.getFpsDen() != 0) {
                set = set.with(Capability.FRACTIONAL_FRAMERATES);
            }
            set = withEncoderProfile(set, output.getProfile());
            if (output.getGop() != 0) {
                set = set.with(Capability.GOP);
            }
        }
        return set;
    }

    /** The Capabilities message a broadcaster sends (GetOrchestrator, SegData) for {@code outputs}. */
    public static Capabilities jobCapabilities(List<VideoProfile> outputs) {
        return toProto(forJob(outputs), CapabilitySet.of(), Map.of(), "");
    }

    /**
     * The orchestrator's check of a job against its own capabilities, as go-livepeer does it: every mandatory
     * capability of the orchestrator must be requested (and its mandatories may not use more words than the
     * job's bitstring), and every requested capability must be offered.
     *
     * @return why the job is incompatible, or empty if it is compatible
     */
    public static Optional<String> incompatibility(Capabilities job, Capabilities orchestrator) {
        CapabilitySet requested = bitstring(job);
        CapabilitySet mandatory = mandatories(orchestrator);
        CapabilitySet offered = bitstring(orchestrator);
        if (orchestrator.getMandatoriesCount() > job.getBitstringCount() || !requested.containsAll(mandatory)) {
            return Optional.of("the job " + requested + " lacks mandatory capabilities " + mandatory);
        }
        if (!offered.containsAll(requested)) {
            return Optional.of("the job asks for " + requested + " but only " + offered + " is offered");
        }
        return Optional.empty();
    }

    private static CapabilitySet withEncoder(CapabilitySet set, VideoProfile.VideoCodec codec) {
        return switch (codec) {
            case H265 -> set.with(Capability.HEVC_ENCODE);
            case VP8 -> set.with(Capability.VP8_ENCODE);
            case VP9 -> set.with(Capability.VP9_ENCODE);
            default -> set.with(Capability.H264);
        };
    }

    private static CapabilitySet withEncoderProfile(CapabilitySet set, VideoProfile.Profile profile) {
        return switch (profile) {
            case H264_BASELINE -> set.with(Capability.PROFILE_H264_BASELINE);
            case H264_MAIN -> set.with(Capability.PROFILE_H264_MAIN);
            case H264_HIGH -> set.with(Capability.PROFILE_H264_HIGH);
            case H264_CONSTRAINED_HIGH -> set.with(Capability.PROFILE_H264_CONSTRAINED_HIGH);
            default -> set;
        };
    }
}
