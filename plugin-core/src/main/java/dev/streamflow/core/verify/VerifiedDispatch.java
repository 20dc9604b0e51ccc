package dev.streamflow.core.verify;

import dev.streamflow.bridge.engine.Rendition;
import dev.streamflow.bridge.engine.VideoProfile;
import dev.streamflow.core.dispatch.DispatchPolicy;
import dev.streamflow.core.dispatch.RemoteProof;
import dev.streamflow.core.dispatch.ResultCheck;
import dev.streamflow.core.dispatch.Transcoded;
import dev.streamflow.core.segment.Segment;
import dev.streamflow.pm.key.Address;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * The verifier behind the dispatcher's result seam. Every result gets the cheap chain; remote results are
 * deep-checked at the channel's rate, and always the first one from an orchestrator not seen before. A
 * rejection keeps its evidence and is counted per orchestrator and per check; the dispatcher then suspends
 * the orchestrator and retries the segment elsewhere.
 */
public final class VerifiedDispatch implements ResultCheck {
    private final Verifier verifier;
    private final FaultEvidence evidence;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final Map<String, LongAdder> faultsByOrchestrator = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> faultsByCheck = new ConcurrentHashMap<>();

    public VerifiedDispatch(Verifier verifier, FaultEvidence evidence) {
        this.verifier = verifier;
        this.evidence = evidence;
    }

    @Override
    public Outcome check(Segment segment, List<VideoProfile> ladder, Transcoded result, DispatchPolicy policy) {
        List<byte[]> renditions = result.renditions().stream().map(Rendition::ts).toList();
        Optional<RemoteProof> remote = result.proof();
        Verdict verdict = verifier.verify(new VerificationInput(segment, ladder, renditions, result.target(),
                remote.flatMap(VerifiedDispatch::proof), remote.map(RemoteProof::claimedPixels),
                remote.isPresent() && seen.add(result.target()), remote.isPresent() ? policy.deepCheckOneIn() : 0));
        if (verdict.accepted()) {
            return ResultCheck.Outcome.accept();
        }
        count(result.target(), verdict);
        evidence.keep(segment, renditions, verdict);
        return ResultCheck.Outcome.reject(verdict.summary());
    }

    /** Rejected results so far, per orchestrator. */
    public Map<String, Long> faultsByOrchestrator() {
        return snapshot(faultsByOrchestrator);
    }

    /** Rejected results so far, per check that failed. */
    public Map<String, Long> faultsByCheck() {
        return snapshot(faultsByCheck);
    }

    /** An orchestrator that names an address must sign its results with it; one that names none is unchecked. */
    private static Optional<ResultProof> proof(RemoteProof remote) {
        byte[] address = remote.address();
        return address.length == 0 ? Optional.empty() : Optional.of(new ResultProof(new Address(address), remote.signature()));
    }

    private void count(String orchestrator, Verdict verdict) {
        faultsByOrchestrator.computeIfAbsent(orchestrator, k -> new LongAdder()).increment();
        String check = verdict.failure().map(CheckResult::check).orElse("unknown");
        faultsByCheck.computeIfAbsent(check, k -> new LongAdder()).increment();
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> counters) {
        return counters.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> e.getValue().sum()));
    }
}
