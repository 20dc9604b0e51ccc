package dev.streamflow.core.dispatch;

import dev.streamflow.bridge.engine.Rendition;

import java.util.List;
import java.util.Optional;

/**
 * What one target made of a segment: the renditions in ladder order, and for a remote orchestrator what it
 * claimed about them.
 *
 * @param target     who made it ({@code local} or the orchestrator's address), for logs and verdicts
 * @param renditions one per ladder profile, in ladder order
 * @param proof      present when an orchestrator made it
 */
public record Transcoded(String target, List<Rendition> renditions, Optional<RemoteProof> proof) {

    public Transcoded {
        renditions = List.copyOf(renditions);
    }

    public static Transcoded local(List<Rendition> renditions) {
        return new Transcoded("local", renditions, Optional.empty());
    }
}
