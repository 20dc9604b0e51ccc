package dev.streamflow.core.dispatch;

import dev.streamflow.bridge.engine.Rendition;
import dev.streamflow.bridge.engine.VideoProfile;
import dev.streamflow.core.media.Sps;
import dev.streamflow.core.media.TsInfo;
import dev.streamflow.core.media.TsProbe;
import dev.streamflow.protocol.client.FailureKind;
import dev.streamflow.protocol.client.OrchestratorException;

/**
 * Turns downloaded rendition bytes into the engine's {@link Rendition}, so that the publisher gets the same type from
 * an orchestrator as from the local engine. The bytes are untrusted: they must probe as H.264 MPEG-TS, and the frame
 * (from the SPS, after cropping) must fit the requested profile; frames are the coded pictures counted in the TS.
 */
final class RemoteRenditions {

    private RemoteRenditions() {
    }

    static Rendition wrap(String orchestrator, long sequence, VideoProfile profile, byte[] ts) throws OrchestratorException {
        try {
            TsInfo info = TsProbe.probe(ts);
            Sps sps = info.parsedSps();
            if (sps.width() > profile.width() || sps.height() > profile.height()) {
                throw failure(orchestrator, sequence, profile, "is " + sps.width() + "x" + sps.height()
                        + ", larger than the requested " + profile.width() + "x" + profile.height());
            }
            if (info.accessUnits() == 0) {
                throw failure(orchestrator, sequence, profile, "has no video frames");
            }
            return new Rendition(profile, sps.width(), sps.height(), info.accessUnits(), ts);
        } catch (RuntimeException e) { // MalformedMediaException, or a parser tripping over crafted bytes
            throw failure(orchestrator, sequence, profile, "is not usable H.264 MPEG-TS: " + e.getMessage());
        }
    }

    private static OrchestratorException failure(String orchestrator, long sequence, VideoProfile profile, String problem) {
        return new OrchestratorException(FailureKind.RETRYABLE, "rendition " + profile.name() + " of segment " + sequence
                + " from " + orchestrator + " " + problem);
    }
}
