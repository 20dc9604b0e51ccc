package dev.streamflow.core.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Where a deep check looks: {@code frames} times spread over the decode window, one drawn at random from each
 * equal slice of it (so the orchestrator cannot know which frames are compared), on the grid of the coarsest
 * frame rate among the source and the renditions, so that every stream has a frame there.
 */
final class SampleTimes {

    private SampleTimes() {
    }

    static List<Double> choose(Subject subject, DeepCheckSettings settings, Random random) {
        double period = coarsestPeriod(subject);
        int gridPoints = (int) Math.max(1, Math.floor(Math.min(settings.windowSeconds(), subject.source().durationSeconds()) / period - 1e-6));
        int count = Math.min(settings.frames(), gridPoints);
        List<Double> times = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            int from = k * gridPoints / count;
            int to = (k + 1) * gridPoints / count;
            times.add((from + random.nextInt(Math.max(1, to - from))) * period);
        }
        return times;
    }

    private static double coarsestPeriod(Subject subject) {
        double fps = subject.source().frameRate();
        for (int i = 0; i < subject.renditionCount(); i++) {
            fps = Math.min(fps, subject.probe(i).frameRate().orElse(fps));
        }
        return 1.0 / fps;
    }
}
