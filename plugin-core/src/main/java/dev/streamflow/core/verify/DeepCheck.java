package dev.streamflow.core.verify;

import java.util.Optional;

/** A check on decoded sample frames; decoding happens once per subject, and its failure is reported here. */
abstract class DeepCheck implements Check {

    @Override
    public final CheckResult check(Subject subject) {
        DeepSample sample;
        try {
            sample = subject.deepSample();
        } catch (DeepCheckException e) {
            return e.orchestratorsFault() ? CheckResult.fail(name(), e.getMessage()) : CheckResult.error(name(), e.getMessage());
        }
        for (int i = 0; i < sample.renditions().size(); i++) {
            Optional<String> problem = problem(sample, sample.renditions().get(i));
            if (problem.isPresent()) {
                return CheckResult.fail(name(), subject.label(i) + ": " + problem.get());
            }
        }
        return CheckResult.pass(name(), summary(sample));
    }

    abstract Optional<String> problem(DeepSample sample, DeepSample.RenditionSample rendition);

    String summary(DeepSample sample) {
        return sample.times().size() + " frames of " + sample.renditions().size() + " renditions";
    }
}
