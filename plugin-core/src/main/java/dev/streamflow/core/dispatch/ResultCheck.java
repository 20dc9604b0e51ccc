package dev.streamflow.core.dispatch;

import dev.streamflow.bridge.engine.VideoProfile;
import dev.streamflow.core.segment.Segment;

import java.util.List;

/**
 * The verification seam: every result, remote or local, passes through it after the dispatcher's own shape check
 * (one rendition per profile, in ladder order, each a probed H.264 MPEG-TS no larger than its profile) and before
 * it may win. A rejected remote result counts as a failure of that orchestrator: it is suspended and the segment
 * goes to the next target. Called on the attempt's own thread, concurrently for different segments; a check that
 * needs more time than a segment's deadline allows should sample.
 */
@FunctionalInterface
public interface ResultCheck {

    /** Accepts everything; the default until {@code core.verify} plugs in. */
    ResultCheck ACCEPT_ALL = (segment, ladder, result, policy) -> Outcome.accept();

    Outcome check(Segment segment, List<VideoProfile> ladder, Transcoded result, DispatchPolicy policy);

    /** Whether a result may be published, and if not, why (the reason goes to logs and to the orchestrator's record). */
    record Outcome(boolean accepted, String reason) {

        public static Outcome accept() {
            return new Outcome(true, "");
        }

        public static Outcome reject(String reason) {
            return new Outcome(false, reason);
        }
    }
}
