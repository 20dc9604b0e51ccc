package dev.streamflow.core.verify;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the levels that {@code volumedetect@<label>} prints when its graph closes. */
final class VolumeLog {

    private VolumeLog() {
    }

    static Optional<DeepSample.AudioLevel> level(String stderr, String label) {
        Optional<Double> mean = last(stderr, label, "mean_volume");
        Optional<Double> max = last(stderr, label, "max_volume");
        if (mean.isEmpty() || max.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DeepSample.AudioLevel(mean.get(), max.get()));
    }

    /** The last value: the filter may print an empty report when its graph is first configured. */
    private static Optional<Double> last(String stderr, String label, String key) {
        Matcher m = Pattern.compile("\\[volumedetect@" + Pattern.quote(label) + " @ [^]]*] " + key + ": (-?inf|-?[0-9.]+) dB")
                .matcher(stderr);
        Double value = null;
        while (m.find()) {
            value = m.group(1).endsWith("inf") ? Double.NEGATIVE_INFINITY : Double.parseDouble(m.group(1));
        }
        return Optional.ofNullable(value);
    }
}
