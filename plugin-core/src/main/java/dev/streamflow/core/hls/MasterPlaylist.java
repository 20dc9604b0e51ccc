package dev.streamflow.core.hls;

import java.util.List;

/** The multivariant playlist as last written, and the rule for when it must be written again. */
final class MasterPlaylist {
    /** Apple 1.28: the live average must stay within 110 % of AVERAGE-BANDWIDTH. */
    static final double AVERAGE_TOLERANCE = 0.10;

    private List<VariantEntry> declared;
    private boolean declaredIndependent;

    /** True when nothing was written yet or a declared value no longer describes the stream. */
    boolean needsRewrite(List<VariantEntry> measured, boolean independent) {
        if (declared == null || declaredIndependent != independent) {
            return true;
        }
        for (int i = 0; i < declared.size(); i++) {
            if (declared.get(i).outdatedBy(measured.get(i), AVERAGE_TOLERANCE)) {
                return true;
            }
        }
        return false;
    }

    String declare(List<VariantEntry> variants, boolean independent) {
        declared = List.copyOf(variants);
        declaredIndependent = independent;
        StringBuilder out = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:").append(LiveWindow.VERSION).append('\n');
        if (independent) {
            out.append("#EXT-X-INDEPENDENT-SEGMENTS\n");
        }
        variants.forEach(v -> out.append(v.render()));
        return out.toString();
    }
}
