package dev.streamflow.core.verify;

import dev.streamflow.bridge.engine.VideoProfile;
import dev.streamflow.core.segment.Segment;

import java.util.List;
import java.util.Optional;

/**
 * One transcode result to verify.
 *
 * @param source                the segment that was sent
 * @param profiles              the ladder that was asked for, in order
 * @param renditions            the MPEG-TS bytes that came back, one per profile in the same order
 * @param orchestrator          who made them, for logs and the verdict (an address in hex, or "local")
 * @param proof                 the result signature and the offered address; empty for the local engine
 * @param reportedPixels        the pixels the orchestrator reported per rendition; empty if it reported none
 * @param firstFromOrchestrator this is the first result of an orchestrator not seen before: always deep-checked
 * @param deepCheckOneIn        the channel's deep-check rate: 1 checks every segment, 10 one in ten (the default),
 *                              0 never (for results we made ourselves)
 */
public record VerificationInput(Segment source, List<VideoProfile> profiles, List<byte[]> renditions, String orchestrator,
                                Optional<ResultProof> proof, Optional<List<Long>> reportedPixels,
                                boolean firstFromOrchestrator, int deepCheckOneIn) {

    public static final int DEFAULT_DEEP_CHECK_ONE_IN = 10;

    public VerificationInput {
        if (source == null || profiles == null || renditions == null || orchestrator == null) {
            throw new IllegalArgumentException("source, profiles, renditions and orchestrator are required");
        }
        if (deepCheckOneIn < 0) {
            throw new IllegalArgumentException("deepCheckOneIn " + deepCheckOneIn + " is negative");
        }
        profiles = List.copyOf(profiles);
        renditions = List.copyOf(renditions);
        reportedPixels = reportedPixels.map(List::copyOf);
    }

    /** A remote result: signed, with reported pixels, sampled at the default rate. */
    public static VerificationInput remote(Segment source, List<VideoProfile> profiles, List<byte[]> renditions,
                                           ResultProof proof, List<Long> reportedPixels, boolean firstFromOrchestrator) {
        return new VerificationInput(source, profiles, renditions, proof.offeredAddress().toString(), Optional.of(proof),
                Optional.of(reportedPixels), firstFromOrchestrator, DEFAULT_DEEP_CHECK_ONE_IN);
    }

    public VerificationInput withDeepCheckOneIn(int oneIn) {
        return new VerificationInput(source, profiles, renditions, orchestrator, proof, reportedPixels, firstFromOrchestrator, oneIn);
    }

    public VerificationInput withRenditions(List<byte[]> newRenditions) {
        return new VerificationInput(source, profiles, newRenditions, orchestrator, proof, reportedPixels, firstFromOrchestrator,
                deepCheckOneIn);
    }
}
