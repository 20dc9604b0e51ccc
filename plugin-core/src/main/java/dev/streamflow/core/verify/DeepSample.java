package dev.streamflow.core.verify;

import java.util.List;
import java.util.Optional;

/**
 * Decoded sample frames (luma only) at the same presentation times in the source and in each rendition, the
 * source scaled to the rendition's size, plus the audio levels of the source and of each rendition where they
 * were measured.
 *
 * @param times seconds from the first video frame of the segment
 */
record DeepSample(List<Double> times, List<RenditionSample> renditions, Optional<AudioLevel> sourceAudio) {

    /**
     * One rendition's frames and, scaled to the same size, the source's; both in {@code times} order.
     *
     * @param audio       the rendition's audio level, when it was measured
     * @param audioCopied the rendition's AAC is byte for byte the source's, so it was not measured: it sounds the same
     */
    record RenditionSample(int width, int height, List<byte[]> source, List<byte[]> rendition, Optional<AudioLevel> audio,
                           boolean audioCopied) {
    }

    /** volumedetect's mean and peak level in dBFS; −∞ for digital silence. */
    record AudioLevel(double meanDb, double maxDb) {
    }
}
