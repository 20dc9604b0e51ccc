package dev.streamflow.core.verify;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of verifying one result: every check that ran, in order. The chain stops at the first failure,
 * so a rejected verdict ends with the failing check.
 *
 * @param orchestrator who made the result
 * @param sequence     the source segment's sequence number
 * @param deepChecked  whether this segment was sampled for the deep checks
 * @param results      one per check that ran
 */
public record Verdict(String orchestrator, long sequence, boolean deepChecked, List<CheckResult> results) {

    public Verdict {
        results = List.copyOf(results);
    }

    /** No check failed (a check that could not run for our own reasons does not reject the orchestrator's work). */
    public boolean accepted() {
        return failure().isEmpty();
    }

    public Optional<CheckResult> failure() {
        return results.stream().filter(CheckResult::failed).findFirst();
    }

    /** Checks that could not run on our side; worth a warning, not a fault. */
    public List<CheckResult> errors() {
        return results.stream().filter(r -> r.status() == CheckResult.Status.ERROR).toList();
    }

    /** One line for logs: accepted, or the failing check and its reason. */
    public String summary() {
        return failure().map(f -> "REJECTED by " + f.check() + ": " + f.reason())
                .orElse("accepted (" + results.size() + " checks" + (deepChecked ? ", deep" : "") + ")");
    }

    /** The verdict as a JSON object, for the evidence kept with a fault. */
    public String toJson() {
        StringBuilder json = new StringBuilder("{\"orchestrator\":").append(quote(orchestrator))
                .append(",\"sequence\":").append(sequence)
                .append(",\"accepted\":").append(accepted())
                .append(",\"deepChecked\":").append(deepChecked)
                .append(",\"checks\":[");
        for (int i = 0; i < results.size(); i++) {
            CheckResult r = results.get(i);
            json.append(i == 0 ? "" : ",").append("{\"check\":").append(quote(r.check()))
                    .append(",\"status\":").append(quote(r.status().name()))
                    .append(",\"reason\":").append(quote(r.reason())).append('}');
        }
        return json.append("]}").toString();
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
