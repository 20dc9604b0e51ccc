package dev.streamflow.core.discovery;

import java.net.URI;
import java.util.List;

/**
 * Where candidate orchestrators come from: a static list, a webhook, later the chain. Called from the pool's
 * background thread; an implementation that talks to the network bounds its own time and size.
 */
public interface OrchestratorSource {

    /** The current candidates, each a normalised {@code scheme://host:port}. */
    List<URI> candidates() throws DiscoveryException;

    /** What this source is, for logs. */
    String describe();
}
