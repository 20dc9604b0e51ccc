package dev.streamflow.core.verify;

import dev.streamflow.core.segment.Segment;

import java.util.Optional;
import java.util.OptionalDouble;

/** Each rendition lasts as long as the source segment, within one frame. */
final class DurationCheck extends PerRenditionCheck {

    @Override
    public String name() {
        return "duration";
    }

    @Override
    Optional<String> problem(Subject subject, int index) {
        var info = subject.probe(index);
        long frame = frameTicks(info.frameRate(), subject.source());
        long duration = Timestamps.span(info.videoPts()).length() + frame;
        long expected = subject.source().durationTicks();
        long tolerance = Math.max(frame, subject.source().frameTicks());
        if (Math.abs(duration - expected) <= tolerance) {
            return Optional.empty();
        }
        return Optional.of(String.format("lasts %.3f s, the source %.3f s (tolerance one frame, %.3f s)",
                seconds(duration), seconds(expected), seconds(tolerance)));
    }

    private static long frameTicks(OptionalDouble fps, SourceFacts source) {
        return fps.isPresent() ? Math.round(Segment.CLOCK_HZ / fps.getAsDouble()) : source.frameTicks();
    }

    private static double seconds(long ticks) {
        return ticks / (double) Segment.CLOCK_HZ;
    }
}
