package dev.streamflow.core.verify;

import java.util.Optional;

/**
 * When the source has sound, so does each rendition: its peak is not more than {@link #MAX_DROP_DB} below the
 * source's. A silent source never trips it (implementation notes §10), nor does audio copied from the source.
 */
final class SilentAudioCheck extends DeepCheck {
    /** Below this peak the source itself is silent. */
    private static final double AUDIBLE_DB = -60;
    private static final double MAX_DROP_DB = 30;

    @Override
    public String name() {
        return "audio";
    }

    @Override
    Optional<String> problem(DeepSample sample, DeepSample.RenditionSample r) {
        if (r.audioCopied() || sample.sourceAudio().isEmpty() || sample.sourceAudio().get().maxDb() < AUDIBLE_DB) {
            return Optional.empty();
        }
        double source = sample.sourceAudio().get().maxDb();
        if (r.audio().isEmpty()) {
            return Optional.of("has no decodable audio, the source peaks at " + source + " dB");
        }
        double rendition = r.audio().get().maxDb();
        if (rendition < source - MAX_DROP_DB) {
            return Optional.of("audio peaks at " + rendition + " dB, the source at " + source + " dB: silent");
        }
        return Optional.empty();
    }

    @Override
    String summary(DeepSample sample) {
        long copied = sample.renditions().stream().filter(DeepSample.RenditionSample::audioCopied).count();
        long measured = sample.renditions().stream().filter(r -> r.audio().isPresent()).count();
        String source = sample.sourceAudio().map(level -> ", the source peaks at " + String.format("%.1f dB", level.maxDb())).orElse("");
        return copied + " renditions carry the source's audio unchanged, " + measured + " were measured" + source;
    }
}
