package dev.streamflow.core.discovery;

import java.net.URI;
import java.util.List;

/** The admin's fixed list ({@code streamflow.orchestrators}), go-livepeer's {@code -orchAddr}. */
public final class StaticOrchestrators implements OrchestratorSource {
    private final List<URI> orchestrators;

    public StaticOrchestrators(List<URI> orchestrators) {
        this.orchestrators = List.copyOf(orchestrators);
    }

    @Override
    public List<URI> candidates() {
        return orchestrators;
    }

    @Override
    public String describe() {
        return "the configured list " + orchestrators;
    }
}
