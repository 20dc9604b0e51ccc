package dev.streamflow.core.dispatch;

import dev.streamflow.bridge.engine.Rendition;
import dev.streamflow.bridge.engine.VideoProfile;
import dev.streamflow.core.media.Sps;
import dev.streamflow.core.media.TsInfo;
import dev.streamflow.core.media.TsProbe;

/**
 * Turns downloaded rendition bytes into the engine's {@link Rendition}, so that the publisher gets the same type from
 * an orchestrator as from the local engine. The bytes are not judged here: the verifier's structure and resolution
 * checks do that, so a rendition that is not H.264 MPEG-TS, or larger than its profile, is the orchestrator's fault,
 * kept as evidence and counted towards exclusion like any other failed check (a transport failure would be neither).
 * Size and frame count are read where the bytes allow, and are 0 where they do not; such a result never gets past
 * verification.
 */
final class RemoteRenditions {

    private RemoteRenditions() {
    }

    static Rendition wrap(VideoProfile profile, byte[] ts) {
        try {
            TsInfo info = TsProbe.probe(ts);
            Sps sps = info.parsedSps();
            return new Rendition(profile, sps.width(), sps.height(), info.accessUnits(), ts);
        } catch (RuntimeException e) { // MalformedMediaException, or a parser tripping over crafted bytes
            return new Rendition(profile, 0, 0, 0, ts);
        }
    }
}
