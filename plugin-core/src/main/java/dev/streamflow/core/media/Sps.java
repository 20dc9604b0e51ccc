package dev.streamflow.core.media;

/**
 * What an H.264 sequence parameter set says about the picture.
 *
 * @param profileIdc       profile_idc (66 Baseline, 77 Main, 100 High …)
 * @param constraintFlags  the byte holding constraint_set0..5_flag and the two reserved bits
 * @param levelIdc         level_idc (31 = level 3.1)
 * @param chromaFormatIdc  0 monochrome, 1 4:2:0, 2 4:2:2, 3 4:4:4
 * @param frameMbsOnly     true for progressive-only streams
 * @param codedWidth       width in macroblocks × 16
 * @param codedHeight      height in macroblocks × 16 (× 2 for field-capable streams)
 * @param width            width after frame cropping
 * @param height           height after frame cropping
 */
public record Sps(int profileIdc, int constraintFlags, int levelIdc, int spsId, int chromaFormatIdc,
                  int bitDepthLuma, int bitDepthChroma, boolean frameMbsOnly,
                  int codedWidth, int codedHeight, int width, int height) {

    /** constraint_set1_flag on Baseline marks Constrained Baseline. */
    public boolean constrainedBaseline() {
        return profileIdc == 66 && (constraintFlags & 0x40) != 0;
    }
}
