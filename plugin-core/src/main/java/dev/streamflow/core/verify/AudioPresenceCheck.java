package dev.streamflow.core.verify;

import java.util.Optional;

/** When the source has AAC audio, every rendition carries audio too. */
final class AudioPresenceCheck extends PerRenditionCheck {

    @Override
    public String name() {
        return "audio-present";
    }

    @Override
    Optional<String> problem(Subject subject, int index) {
        if (subject.source().hasAudio() && subject.probe(index).audio().isEmpty()) {
            return Optional.of("has no AAC audio, the source has");
        }
        return Optional.empty();
    }
}
