package dev.streamflow.protocol.client;

import io.grpc.Status;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FailureClassifierTest {

    @Test
    void segmentStatuses() {
        assertEquals(FailureKind.PAYMENT, FailureClassifier.ofSegmentStatus(402, "base64 decode error: illegal data\n"));
        assertEquals(FailureKind.PAYMENT, FailureClassifier.ofSegmentStatus(400, "Insufficient balance\n"));
        assertEquals(FailureKind.PAYMENT, FailureClassifier.ofSegmentStatus(400, "invalid ticket senderNonce: already seen"));
        assertEquals(FailureKind.RETRYABLE, FailureClassifier.ofSegmentStatus(400, "BadRequest"));
        assertEquals(FailureKind.NON_RETRYABLE, FailureClassifier.ofSegmentStatus(403, "ErrSegSig\n"));
        assertEquals(FailureKind.NON_RETRYABLE, FailureClassifier.ofSegmentStatus(403, "invalid duration"));
        assertEquals(FailureKind.RETRYABLE, FailureClassifier.ofSegmentStatus(403, "OrchestratorCapped"));
        assertEquals(FailureKind.RETRYABLE, FailureClassifier.ofSegmentStatus(403, "expired auth token"));
        assertEquals(FailureKind.RETRYABLE, FailureClassifier.ofSegmentStatus(500, "Internal Server Error"));
    }

    @Test
    void transcodeErrors() {
        assertEquals(FailureKind.NON_RETRYABLE, FailureClassifier.ofTranscodeError("No keyframes in input"));
        assertEquals(FailureKind.NON_RETRYABLE, FailureClassifier.ofTranscodeError("TranscoderInvalidVideo"));
        assertEquals(FailureKind.RETRYABLE, FailureClassifier.ofTranscodeError("OrchestratorBusy"));
        assertEquals(FailureKind.RETRYABLE, FailureClassifier.ofTranscodeError("Remote transcoder took too long"));
    }

    @Test
    void rpcStatuses() {
        assertEquals(FailureKind.NON_RETRYABLE, FailureClassifier.ofRpc(
                Status.UNKNOWN.withDescription("Invalid orchestrator request: orchestrator req sig check failed")));
        assertEquals(FailureKind.RETRYABLE, FailureClassifier.ofRpc(Status.UNKNOWN.withDescription("Invalid orchestrator request: OrchestratorCapped")));
        assertEquals(FailureKind.PAYMENT, FailureClassifier.ofRpc(Status.UNKNOWN.withDescription("insufficient sender reserve")));
        assertEquals(FailureKind.RETRYABLE, FailureClassifier.ofRpc(Status.DEADLINE_EXCEEDED));
        assertEquals(FailureKind.RETRYABLE, FailureClassifier.ofRpc(Status.UNAVAILABLE.withDescription("io exception")));
    }
}
