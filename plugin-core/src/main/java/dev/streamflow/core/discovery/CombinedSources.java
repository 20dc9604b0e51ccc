package dev.streamflow.core.discovery;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The candidates of several sources together, without repeats; a source that fails contributes nothing this time. */
public final class CombinedSources implements OrchestratorSource {
    private final List<OrchestratorSource> sources;

    public CombinedSources(OrchestratorSource... sources) {
        this.sources = List.of(sources);
    }

    @Override
    public List<URI> candidates() throws DiscoveryException {
        Set<URI> all = new LinkedHashSet<>();
        DiscoveryException failure = null;
        for (OrchestratorSource source : sources) {
            try {
                all.addAll(source.candidates());
            } catch (DiscoveryException e) {
                failure = e;
            }
        }
        if (all.isEmpty() && failure != null) {
            throw failure;
        }
        return new ArrayList<>(all);
    }

    @Override
    public String describe() {
        return String.join(" and ", sources.stream().map(OrchestratorSource::describe).toList());
    }
}
