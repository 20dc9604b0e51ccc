package dev.streamflow.core.verify;

import dev.streamflow.core.media.Sps;

import java.util.Optional;

/**
 * The pixels the orchestrator reports (and bills) equal what it delivered: coded pictures × width × height, as
 * go-livepeer counts them, from the bitstream without decoding (implementation notes §8).
 */
final class PixelCountCheck implements Check {

    @Override
    public String name() {
        return "pixels";
    }

    @Override
    public CheckResult check(Subject subject) {
        Optional<java.util.List<Long>> reported = subject.input().reportedPixels();
        if (reported.isEmpty()) {
            return CheckResult.skipped(name(), "no pixel count reported");
        }
        if (reported.get().size() != subject.renditionCount()) {
            return CheckResult.fail(name(), reported.get().size() + " pixel counts for " + subject.renditionCount() + " renditions");
        }
        long total = 0;
        for (int i = 0; i < subject.renditionCount(); i++) {
            Sps sps = subject.sps(i);
            long counted = (long) subject.probe(i).accessUnits() * sps.width() * sps.height();
            if (reported.get().get(i) != counted) {
                return CheckResult.fail(name(), subject.label(i) + ": reported " + reported.get().get(i) + " pixels, counted "
                        + counted + " (" + subject.probe(i).accessUnits() + " pictures of " + sps.width() + "x" + sps.height() + ")");
            }
            total += counted;
        }
        return CheckResult.pass(name(), total + " pixels");
    }
}
