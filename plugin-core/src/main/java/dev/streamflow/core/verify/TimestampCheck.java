package dev.streamflow.core.verify;

import java.util.Optional;

/**
 * Each rendition starts where the source does: the earliest video PTS within one frame, modulo 2^33. Stale
 * output (another segment's renditions) fails here.
 */
final class TimestampCheck extends PerRenditionCheck {

    @Override
    public String name() {
        return "timestamps";
    }

    @Override
    Optional<String> problem(Subject subject, int index) {
        long first = Timestamps.span(subject.probe(index).videoPts()).start();
        long offset = Timestamps.difference(first, subject.source().firstPts());
        if (Math.abs(offset) <= subject.source().frameTicks()) {
            return Optional.empty();
        }
        return Optional.of("first video PTS " + first + " is " + offset + " ticks (" + String.format("%.3f", offset / 90_000.0)
                + " s) from the source's " + subject.source().firstPts());
    }
}
