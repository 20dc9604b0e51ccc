package dev.streamflow.core.verify;

import dev.streamflow.core.media.MalformedMediaException;
import dev.streamflow.core.media.TsInfo;

import java.util.Optional;

/** Each rendition is whole MPEG-TS with an H.264 stream that has an SPS and starts with an IDR picture. */
final class StructureCheck extends PerRenditionCheck {

    @Override
    public String name() {
        return "structure";
    }

    @Override
    Optional<String> problem(Subject subject, int index) {
        TsInfo info;
        try {
            info = subject.probe(index);
        } catch (MalformedMediaException e) {
            return Optional.of("not usable H.264 MPEG-TS: " + e.getMessage());
        }
        if (info.sps().isEmpty()) {
            return Optional.of("the H.264 stream has no SPS");
        }
        if (!info.startsWithIdr()) {
            return Optional.of("does not start with an IDR picture");
        }
        subject.sps(index); // an SPS that does not parse fails here, with its reason
        return Optional.empty();
    }
}
