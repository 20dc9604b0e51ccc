package dev.streamflow.core.verify;

import java.util.List;
import java.util.Optional;

/**
 * Decoded sample frames (luma only) at the same presentation times in the source and in each rendition, the
 * source scaled to the rendition's size, plus the audio levels of the source and of each rendition.
 *
 * @param times seconds from the first video frame of the segment
 */
record DeepSample(List<Double> times, List<RenditionSample> renditions, Optional<AudioLevel> sourceAudio) {

    /** One rendition's frames and, scaled to the same size, the source's; both in {@code times} order. */
    record RenditionSample(int width, int height, List<byte[]> source, List<byte[]> rendition, Optional<AudioLevel> audio) {
    }

    /** volumedetect's mean and peak level in dBFS; −∞ for digital silence. */
    record AudioLevel(double meanDb, double maxDb) {
    }
}
