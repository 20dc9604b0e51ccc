package dev.streamflow.core.verify;

/**
 * What one {@link Check} concluded.
 *
 * @param check  the check's name
 * @param status whether it passed, failed, did not apply, or could not run for a reason of our own
 * @param reason a sentence a person can act on
 */
public record CheckResult(String check, Status status, String reason) {

    public enum Status {
        /** The result is as it should be. */
        PASS,
        /** The orchestrator's result is wrong: reject it. */
        FAIL,
        /** The check does not apply (nothing to check, e.g. no signature from the local engine). */
        SKIPPED,
        /** The check could not run for a reason on our side (e.g. no FFmpeg); says nothing about the orchestrator. */
        ERROR
    }

    public static CheckResult pass(String check, String reason) {
        return new CheckResult(check, Status.PASS, reason);
    }

    public static CheckResult fail(String check, String reason) {
        return new CheckResult(check, Status.FAIL, reason);
    }

    public static CheckResult skipped(String check, String reason) {
        return new CheckResult(check, Status.SKIPPED, reason);
    }

    public static CheckResult error(String check, String reason) {
        return new CheckResult(check, Status.ERROR, reason);
    }

    public boolean failed() {
        return status == Status.FAIL;
    }
}
