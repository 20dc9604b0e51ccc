package dev.streamflow.core.channel;

import dev.streamflow.core.config.ChannelPolicy;
import dev.streamflow.core.config.ChannelRule;
import dev.streamflow.core.config.Settings;
import dev.streamflow.core.ingest.StreamKey;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Which streams are transcoded: the admin's {@code streamflow.channels} rules, with rules added at run time
 * (a host's admin API) taking precedence. The first matching rule decides; no match means pass-through.
 * A change applies to streams that start after it.
 */
public final class Channels {
    private static final Logger log = LoggerFactory.getLogger(Channels.class);

    private final ChannelPolicy defaults;
    private final List<ChannelRule> configured;
    private final List<ChannelRule> runtime = new CopyOnWriteArrayList<>();

    @Inject
    public Channels(Settings settings) {
        this(settings.channels(), settings.defaultPolicy());
    }

    Channels(List<ChannelRule> configured, ChannelPolicy defaults) {
        this.configured = List.copyOf(configured);
        this.defaults = defaults;
    }

    /** The policy for a stream, or empty when it is not enabled. */
    public Optional<ChannelPolicy> policyFor(StreamKey stream) {
        return rules().stream().filter(rule -> rule.matches(stream)).findFirst()
                .filter(ChannelRule::enabled).map(ChannelRule::policy);
    }

    /** Transcodes streams matching the patterns from their next start, with the global settings. */
    public void enable(String app, String streams) {
        add(new ChannelRule(app, streams, true, defaults));
    }

    /** Lets streams matching the patterns pass through untouched from their next start. */
    public void disable(String app, String streams) {
        add(new ChannelRule(app, streams, false, defaults));
    }

    /** Every rule in the order they are tried: run-time ones (newest first), then the configured ones. */
    public List<ChannelRule> rules() {
        List<ChannelRule> all = new ArrayList<>(runtime);
        all.addAll(configured);
        return List.copyOf(all);
    }

    private void add(ChannelRule rule) {
        runtime.removeIf(r -> r.app().equals(rule.app()) && r.streams().equals(rule.streams()));
        runtime.add(0, rule);
        log.info("channels {}/{} {} from their next start", rule.app(), rule.streams(),
                rule.enabled() ? "enabled" : "disabled");
    }
}
