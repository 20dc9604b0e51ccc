package dev.streamflow.core.verify;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Each rendition runs at the source's rate capped by the profile's (our engine never duplicates frames);
 * other encoders may fill up to the profile's rate, which is accepted too.
 */
final class FrameRateCheck extends PerRenditionCheck {
    private static final double TOLERANCE = 0.01;

    @Override
    public String name() {
        return "frame-rate";
    }

    @Override
    Optional<String> problem(Subject subject, int index) {
        OptionalDouble measured = subject.probe(index).frameRate();
        int profileFps = subject.profile(index).fps();
        double lowest = Math.min(subject.source().frameRate(), profileFps);
        if (measured.isEmpty()) {
            return subject.probe(index).accessUnits() <= 1 && subject.source().durationTicks() <= subject.source().frameTicks()
                    ? Optional.empty()
                    : Optional.of("has no measurable frame rate (" + subject.probe(index).accessUnits() + " pictures)");
        }
        double fps = measured.getAsDouble();
        if (fps >= lowest * (1 - TOLERANCE) && fps <= profileFps * (1 + TOLERANCE)) {
            return Optional.empty();
        }
        return Optional.of(String.format("runs at %.3f fps, expected %.3f to %d", fps, lowest, profileFps));
    }
}
