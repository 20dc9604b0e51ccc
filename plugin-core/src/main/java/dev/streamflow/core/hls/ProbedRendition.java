package dev.streamflow.core.hls;

import dev.streamflow.bridge.engine.Rendition;
import dev.streamflow.core.media.MalformedMediaException;
import dev.streamflow.core.media.Sps;
import dev.streamflow.core.media.TsInfo;
import dev.streamflow.core.media.TsProbe;

/** A rendition with what its bytes say about themselves. */
record ProbedRendition(Rendition rendition, TsInfo info, Sps sps, byte[] spsNal, byte[] ppsNal) {

    /** Probes the TS; anything a player could not start from is an {@link InvalidRenditionException}. */
    static ProbedRendition probe(Rendition rendition, long sequence) {
        String name = rendition.profile().name();
        try {
            TsInfo info = TsProbe.probe(rendition.ts());
            byte[] sps = info.sps().orElseThrow(() -> new MalformedMediaException("the H.264 stream has no SPS"));
            byte[] pps = info.pps().orElseThrow(() -> new MalformedMediaException("the H.264 stream has no PPS"));
            return new ProbedRendition(rendition, info, info.parsedSps(), sps, pps);
        } catch (MalformedMediaException e) {
            throw new InvalidRenditionException("rendition " + name + " of segment " + sequence + " is unusable: " + e.getMessage(), e);
        }
    }

    long bytes() {
        return rendition.ts().length;
    }
}
