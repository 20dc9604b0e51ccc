package dev.streamflow.core.verify;

import java.util.Optional;

/** A check that looks at each rendition on its own and fails on the first one with a problem. */
abstract class PerRenditionCheck implements Check {

    @Override
    public final CheckResult check(Subject subject) {
        for (int i = 0; i < subject.renditionCount(); i++) {
            Optional<String> problem = problem(subject, i);
            if (problem.isPresent()) {
                return CheckResult.fail(name(), subject.label(i) + ": " + problem.get());
            }
        }
        return CheckResult.pass(name(), subject.renditionCount() + " renditions");
    }

    /** Why rendition {@code index} is wrong, or empty. */
    abstract Optional<String> problem(Subject subject, int index);
}
