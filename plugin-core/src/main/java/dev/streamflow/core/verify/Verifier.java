package dev.streamflow.core.verify;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies every transcode result before it is published: the cheap chain always, the deep chain on the results
 * {@link DeepSampling} picks. Checks run in order and the first failure ends the chain (the rest would only
 * spend CPU on a result that is rejected anyway). A check that throws on malformed input fails with the message.
 * Thread-safe: each call has its own {@link Subject}.
 */
public final class Verifier implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Verifier.class);

    private final List<Check> cheapChecks;
    private final List<Check> deepChecks;
    private final DeepSampling sampling;
    private final FrameSampler frames;

    Verifier(List<Check> cheapChecks, List<Check> deepChecks, DeepSampling sampling, FrameSampler frames) {
        this.cheapChecks = List.copyOf(cheapChecks);
        this.deepChecks = List.copyOf(deepChecks);
        this.sampling = sampling;
        this.frames = frames;
    }

    /**
     * The standard chains, deep decoding in {@link DecodeWorkers decode workers}, sampling and frame choice from
     * SecureRandom. {@link #close()} stops the workers.
     */
    public static Verifier standard(DeepCheckSettings deep, ContentThresholds thresholds) {
        SecureRandom random = new SecureRandom();
        return new Verifier(Checks.cheap(), Checks.deep(thresholds), new DeepSampling(random),
                new WorkerFrameSampler(new DecodeWorkers(deep), deep, random));
    }

    public static Verifier standard() {
        return standard(DeepCheckSettings.defaults(), ContentThresholds.calibrated());
    }

    /** Starts a decode worker now, so that the first deep check does not wait for one. */
    public void warmUp() {
        frames.warmUp();
    }

    /** Stops the decode workers; deep checks after this fail as errors, never as the orchestrator's fault. */
    @Override
    public void close() {
        frames.close();
    }

    public Verdict verify(VerificationInput input) {
        boolean deep = sampling.sample(input);
        Subject subject = new Subject(input, frames);
        List<CheckResult> results = new ArrayList<>();
        boolean passed = run(cheapChecks, subject, results);
        if (passed && deep) {
            run(deepChecks, subject, results);
        }
        Verdict verdict = new Verdict(input.orchestrator(), input.source().sequence(), deep, results);
        report(verdict, input);
        return verdict;
    }

    private static boolean run(List<Check> checks, Subject subject, List<CheckResult> results) {
        for (Check check : checks) {
            CheckResult result = runOne(check, subject);
            results.add(result);
            if (result.failed()) {
                return false;
            }
        }
        return true;
    }

    private static CheckResult runOne(Check check, Subject subject) {
        try {
            return check.check(subject);
        } catch (RuntimeException e) {
            return CheckResult.fail(check.name(), e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private static void report(Verdict verdict, VerificationInput input) {
        if (!verdict.accepted()) {
            log.warn("orchestrator {} seq {} {}: {}", input.orchestrator(), input.source().sequence(), input.source().stream(), verdict.summary());
        } else if (!verdict.errors().isEmpty()) {
            log.warn("orchestrator {} seq {}: accepted, but a check could not run: {}", input.orchestrator(),
                    input.source().sequence(), verdict.errors().get(0).reason());
        } else {
            log.debug("orchestrator {} seq {}: {}", input.orchestrator(), input.source().sequence(), verdict.summary());
        }
    }
}
