package dev.streamflow.core.verify;

/**
 * Where honest stops and "different video" begins, for SSIM (luma) of a rendition's sample frames against the
 * source scaled to the rendition's size. Calibrated on our own engine's honest output (BENCHMARKS.md,
 * "Verification: SSIM calibration").
 *
 * @param minFrameSsim   every sampled frame must reach this
 * @param minMedianSsim  the median sampled frame must reach this
 * @param minAdvantage   where the source moves between sampled frames, the rendition frame must match the aligned
 *                       source frame better than the neighbouring one by this much (median over those frames)
 */
public record ContentThresholds(double minFrameSsim, double minMedianSsim, double minAdvantage) {

    /**
     * The calibrated defaults: honest openh264 output over the corpus never went below 0.896 on a frame or 0.923 as a
     * median, and beat the shifted source by at least 0.058 where the source moves; a different video scores about
     * 0.47–0.62 and matches shifted frames as well as aligned ones. The cuts sit low, with room for other encoders
     * and harder content (x264 ultrafast on high-entropy content measured 0.71 in implementation notes §10).
     */
    public static ContentThresholds calibrated() {
        return new ContentThresholds(0.50, 0.65, 0.02);
    }
}
