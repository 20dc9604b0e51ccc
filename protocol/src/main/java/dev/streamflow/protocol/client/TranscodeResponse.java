package dev.streamflow.protocol.client;

import dev.streamflow.protocol.net.OrchestratorInfo;
import dev.streamflow.protocol.net.TranscodedSegmentData;

import java.util.List;
import java.util.Optional;

/**
 * A successful TranscodeResult, checked for shape: one rendition per requested profile, in profile order,
 * each with an absolute http(s) URL.
 *
 * @param signature the orchestrator's result signature, possibly empty (an off-chain orchestrator need not sign)
 * @param freshInfo the orchestrator's updated OrchestratorInfo, if it sent one
 */
public record TranscodeResponse(long seq, List<TranscodedSegmentData> renditions, byte[] signature,
                                Optional<OrchestratorInfo> freshInfo) {

    public TranscodeResponse {
        renditions = List.copyOf(renditions);
    }
}
