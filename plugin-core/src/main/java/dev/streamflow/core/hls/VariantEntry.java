package dev.streamflow.core.hls;

import java.util.Locale;

/** One EXT-X-STREAM-INF of the master playlist, with the values it declares. */
record VariantEntry(String uri, long bandwidth, long averageBandwidth, String codecs, int width, int height, double frameRate) {

    String frameRateText() {
        return String.format(Locale.ROOT, "%.3f", frameRate);
    }

    /** Whether a player that read {@code this} would be misled about {@code measured}. */
    boolean outdatedBy(VariantEntry measured, double averageTolerance) {
        return !codecs.equals(measured.codecs)
                || width != measured.width || height != measured.height
                || !frameRateText().equals(measured.frameRateText())
                || measured.bandwidth > bandwidth
                || Math.abs(measured.averageBandwidth - averageBandwidth) > averageTolerance * averageBandwidth;
    }

    String render() {
        return "#EXT-X-STREAM-INF:BANDWIDTH=" + bandwidth
                + ",AVERAGE-BANDWIDTH=" + averageBandwidth
                + ",CODECS=\"" + codecs + "\""
                + ",RESOLUTION=" + width + "x" + height
                + ",FRAME-RATE=" + frameRateText()
                + "\n" + uri + "\n";
    }
}
