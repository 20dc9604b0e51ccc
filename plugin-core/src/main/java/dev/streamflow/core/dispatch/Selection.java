package dev.streamflow.core.dispatch;

import dev.streamflow.core.ingest.StreamKey;
import dev.streamflow.pm.money.Fraction;
import dev.streamflow.protocol.net.Capabilities;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * What one choice of orchestrators is for.
 *
 * @param stream          whose segment it is (stickiness is per stream)
 * @param job             the capabilities the segment needs
 * @param maxPricePerPixel the channel's limit, wei per pixel; empty for none
 * @param exclude         orchestrators already tried for this segment
 * @param segmentDuration the segment's length, the scale of latency scores
 */
public record Selection(StreamKey stream, Capabilities job, Optional<Fraction> maxPricePerPixel, Set<URI> exclude,
                        Duration segmentDuration) {

    public Selection {
        exclude = Set.copyOf(exclude);
    }
}
