package dev.streamflow.core.verify;

import java.util.Optional;

/**
 * Each rendition's size is plausible for its duration: at least {@link #MIN_BYTES_PER_SECOND} (an MPEG-TS packet
 * per picture alone exceeds that), at most four times the profile's video bitrate plus an allowance for audio and
 * container overhead.
 */
final class SizeCheck extends PerRenditionCheck {
    static final int MIN_BYTES_PER_SECOND = 500;
    private static final int AUDIO_ALLOWANCE_KBPS = 384;
    private static final int SLACK_BYTES = 64 * 1024;

    @Override
    public String name() {
        return "size";
    }

    @Override
    Optional<String> problem(Subject subject, int index) {
        double seconds = subject.source().durationSeconds();
        long bytes = subject.rendition(index).length;
        long min = Math.round(MIN_BYTES_PER_SECOND * seconds);
        long max = Math.round((4.0 * subject.profile(index).bitrateKbps() + AUDIO_ALLOWANCE_KBPS) * 1000 / 8 * seconds) + SLACK_BYTES;
        if (bytes >= min && bytes <= max) {
            return Optional.empty();
        }
        return Optional.of(bytes + " bytes for " + String.format("%.3f", seconds) + " s is outside " + min + ".." + max);
    }
}
