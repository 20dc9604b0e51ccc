package dev.streamflow.core.verify;

import dev.streamflow.core.media.Sps;

import java.util.Optional;

/** Each rendition has the size its profile gives the source: fitted, aspect kept, never upscaled (±2 px). */
final class ResolutionCheck extends PerRenditionCheck {

    @Override
    public String name() {
        return "resolution";
    }

    @Override
    Optional<String> problem(Subject subject, int index) {
        Sps sps = subject.sps(index);
        FittedSize expected = subject.expectedSize(index);
        if (expected.matches(sps.width(), sps.height())) {
            return Optional.empty();
        }
        return Optional.of("is " + sps.width() + "x" + sps.height() + ", expected " + expected + " (±" + FittedSize.TOLERANCE
                + " px) for a " + subject.source().width() + "x" + subject.source().height() + " source");
    }
}
