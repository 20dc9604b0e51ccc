package dev.streamflow.core.verify;

/** One non-empty rendition per requested profile (their order is checked by each rendition's size and rate). */
final class LadderShapeCheck implements Check {

    @Override
    public String name() {
        return "ladder";
    }

    @Override
    public CheckResult check(Subject subject) {
        int wanted = subject.input().profiles().size();
        if (subject.renditionCount() != wanted) {
            return CheckResult.fail(name(), subject.renditionCount() + " renditions for " + wanted + " profiles");
        }
        for (int i = 0; i < wanted; i++) {
            if (subject.rendition(i) == null || subject.rendition(i).length == 0) {
                return CheckResult.fail(name(), subject.label(i) + " is empty");
            }
        }
        return CheckResult.pass(name(), wanted + " renditions");
    }
}
