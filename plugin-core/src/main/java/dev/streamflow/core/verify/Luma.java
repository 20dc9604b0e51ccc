package dev.streamflow.core.verify;

/**
 * Measures on 8-bit luma planes: SSIM (Wang et al. 2004, 8×8 windows on a 4-pixel grid, the usual constants for
 * a 255 range) over every pixel; mean and standard deviation, and the mean absolute difference between two frames,
 * over a regular third of them.
 */
final class Luma {
    private static final double C1 = Math.pow(0.01 * 255, 2);
    private static final double C2 = Math.pow(0.03 * 255, 2);
    private static final int BLOCK = 4;
    /** Every this-many-th pixel is used for whole-frame averages. */
    static final int STRIDE = 3;

    private Luma() {
    }

    /** Mean SSIM of two equally sized planes; windows are pairs of 4×4 blocks in each direction (8×8, step 4). */
    static double ssim(byte[] a, byte[] b, int width, int height) {
        int bw = width / BLOCK;
        int bh = height / BLOCK;
        if (bw < 2 || bh < 2) {
            return a.length == b.length && java.util.Arrays.equals(a, b) ? 1.0 : 0.0;
        }
        int[][] sums = blockSums(a, b, width, bw, bh);
        double total = 0;
        for (int y = 0; y + 1 < bh; y++) {
            for (int x = 0; x + 1 < bw; x++) {
                total += window(sums, bw, x, y);
            }
        }
        return total / ((bw - 1) * (bh - 1));
    }

    /** Per 4×4 block: Σa, Σb, Σa², Σb², Σab (16 pixels of at most 255² each fit an int). */
    private static int[][] blockSums(byte[] a, byte[] b, int width, int bw, int bh) {
        int[] sumA = new int[bw * bh];
        int[] sumB = new int[bw * bh];
        int[] sumAA = new int[bw * bh];
        int[] sumBB = new int[bw * bh];
        int[] sumAB = new int[bw * bh];
        for (int by = 0; by < bh; by++) {
            for (int dy = 0; dy < BLOCK; dy++) {
                int row = (by * BLOCK + dy) * width;
                for (int bx = 0, block = by * bw; bx < bw; bx++, block++) {
                    int x = row + bx * BLOCK;
                    int a0 = a[x] & 0xFF, a1 = a[x + 1] & 0xFF, a2 = a[x + 2] & 0xFF, a3 = a[x + 3] & 0xFF;
                    int b0 = b[x] & 0xFF, b1 = b[x + 1] & 0xFF, b2 = b[x + 2] & 0xFF, b3 = b[x + 3] & 0xFF;
                    sumA[block] += a0 + a1 + a2 + a3;
                    sumB[block] += b0 + b1 + b2 + b3;
                    sumAA[block] += a0 * a0 + a1 * a1 + a2 * a2 + a3 * a3;
                    sumBB[block] += b0 * b0 + b1 * b1 + b2 * b2 + b3 * b3;
                    sumAB[block] += a0 * b0 + a1 * b1 + a2 * b2 + a3 * b3;
                }
            }
        }
        return new int[][]{sumA, sumB, sumAA, sumBB, sumAB};
    }

    private static double window(int[][] sums, int bw, int x, int y) {
        double[] s = new double[5];
        for (int k = 0; k < 5; k++) {
            int[] plane = sums[k];
            int i = y * bw + x;
            s[k] = plane[i] + plane[i + 1] + plane[i + bw] + plane[i + bw + 1];
        }
        double n = 4.0 * BLOCK * BLOCK;
        double meanA = s[0] / n;
        double meanB = s[1] / n;
        double varA = s[2] / n - meanA * meanA;
        double varB = s[3] / n - meanB * meanB;
        double cov = s[4] / n - meanA * meanB;
        return ((2 * meanA * meanB + C1) * (2 * cov + C2)) / ((meanA * meanA + meanB * meanB + C1) * (varA + varB + C2));
    }

    /**
     * Mean and standard deviation of a plane, in one pass over every {@link #STRIDE}th pixel: whole-frame averages
     * do not need every pixel, and an odd stride walks a different column on each row of an even-width frame.
     */
    record Stats(double mean, double deviation) {
    }

    static Stats stats(byte[] plane) {
        long sum = 0;
        long squares = 0;
        int count = 0;
        for (int i = 0; i < plane.length; i += STRIDE, count++) {
            int v = plane[i] & 0xFF;
            sum += v;
            squares += v * v;
        }
        double mean = sum / (double) count;
        return new Stats(mean, Math.sqrt(Math.max(0, squares / (double) count - mean * mean)));
    }

    /** Mean absolute difference of two equally sized planes, over every {@link #STRIDE}th pixel. */
    static double meanAbsoluteDifference(byte[] a, byte[] b) {
        long sum = 0;
        int count = 0;
        for (int i = 0; i < a.length; i += STRIDE, count++) {
            sum += Math.abs((a[i] & 0xFF) - (b[i] & 0xFF));
        }
        return sum / (double) count;
    }
}
