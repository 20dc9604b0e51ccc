package dev.streamflow.core.verify;

/**
 * One verification step. A check looks at one property of a {@link Subject} and says PASS, FAIL (with the
 * reason), SKIPPED or ERROR. Checks are stateless and thread-safe; what several of them need (probes, decoded
 * frames) is computed once by the subject.
 */
public interface Check {

    /** A short stable name, used in verdicts, logs and metrics (e.g. {@code "resolution"}). */
    String name();

    CheckResult check(Subject subject);
}
