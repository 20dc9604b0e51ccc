package dev.streamflow.core.verify;

import java.util.List;

/** The standard chains, cheapest and most basic first (later checks rely on the structure being sound). */
public final class Checks {

    private Checks() {
    }

    /** Run on every result: a few milliseconds, no decoding. */
    public static List<Check> cheap() {
        return List.of(new LadderShapeCheck(), new SignatureCheck(), new StructureCheck(), new ResolutionCheck(),
                new TimestampCheck(), new DurationCheck(), new FrameRateCheck(), new SizeCheck(), new PixelCountCheck(),
                new AudioPresenceCheck());
    }

    /** Run on sampled results: one request to a decode worker process, then comparisons of the decoded frames. */
    public static List<Check> deep(ContentThresholds thresholds) {
        return List.of(new BlackFrameCheck(), new FrozenVideoCheck(), new ContentCheck(thresholds), new SilentAudioCheck());
    }
}
