package dev.streamflow.core.verify;

import dev.streamflow.protocol.wire.EthSignatures;
import dev.streamflow.protocol.wire.ResultSignature;

/** The result signature recovers to the address the orchestrator offered (reference §3.7). */
final class SignatureCheck implements Check {

    @Override
    public String name() {
        return "signature";
    }

    @Override
    public CheckResult check(Subject subject) {
        var proof = subject.input().proof();
        if (proof.isEmpty()) {
            return CheckResult.skipped(name(), "no result signature (local engine)");
        }
        byte[] signature = proof.get().signature();
        var form = EthSignatures.formProblem(signature);
        if (form.isPresent()) {
            return CheckResult.fail(name(), "result signature is malformed: " + form.get());
        }
        if (!ResultSignature.verify(proof.get().offeredAddress().bytes(), subject.input().renditions(), signature)) {
            return CheckResult.fail(name(), "result signature does not recover to the offered address "
                    + proof.get().offeredAddress() + " over the " + subject.renditionCount() + " renditions received");
        }
        return CheckResult.pass(name(), "signed by " + proof.get().offeredAddress());
    }
}
