package dev.streamflow.protocol.client;

import dev.streamflow.protocol.wire.ProtocolErrors;
import io.grpc.Status;

import java.util.List;
import java.util.Locale;

/** Sorts the orchestrator's error answers into {@link FailureKind}s by status and go-livepeer's error texts. */
public final class FailureClassifier {
    /** Texts of go-livepeer's payment processing and balance errors (reference §4.7, §4.8, §3.4 steps 8-9). */
    private static final List<String> PAYMENT_TEXTS = List.of(
            "insufficient balance", "ticket", "sender", "recipientrand", "expected price", "reserve", "deposit",
            "inactive in round", "facevalue", "nonce", "price has more than doubled");
    /** 403 answers that describe our own request, which another orchestrator would refuse too. */
    private static final List<String> REQUEST_FAULTS = List.of(
            ProtocolErrors.SEGMENT_SIGNATURE, ProtocolErrors.SEGMENT_ENCODING, ProtocolErrors.INVALID_DURATION,
            ProtocolErrors.UNRECOGNIZED_FORMAT, ProtocolErrors.UNRECOGNIZED_PROFILE, ProtocolErrors.UNRECOGNIZED_CODEC);

    private FailureClassifier() {
    }

    /** A non-200 answer to {@code POST /segment}. */
    public static FailureKind ofSegmentStatus(int status, String body) {
        String text = body.strip();
        if (status == 402) {
            return FailureKind.PAYMENT;
        }
        if (status == 403 && REQUEST_FAULTS.stream().anyMatch(text::startsWith)) {
            return FailureKind.NON_RETRYABLE;
        }
        if (status == 400 && mentionsPayment(text)) {
            return FailureKind.PAYMENT;
        }
        return FailureKind.RETRYABLE;
    }

    /** The {@code error} of a TranscodeResult. */
    public static FailureKind ofTranscodeError(String error) {
        String text = error.strip();
        if (ProtocolErrors.NON_RETRYABLE_TRANSCODE_ERRORS.contains(text)) {
            return FailureKind.NON_RETRYABLE;
        }
        return FailureKind.RETRYABLE;
    }

    /** A failed gRPC call. */
    public static FailureKind ofRpc(Status status) {
        String description = status.getDescription() == null ? "" : status.getDescription();
        if (description.contains(ProtocolErrors.REQUEST_SIG_CHECK_FAILED)) {
            return FailureKind.NON_RETRYABLE;
        }
        if (description.contains(ProtocolErrors.ORCHESTRATOR_CAPPED)) {
            return FailureKind.RETRYABLE;
        }
        if (status.getCode() == Status.Code.UNKNOWN && mentionsPayment(description)) {
            return FailureKind.PAYMENT; // e.g. "insufficient sender reserve" while making ticket params
        }
        return FailureKind.RETRYABLE;
    }

    private static boolean mentionsPayment(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return PAYMENT_TEXTS.stream().anyMatch(lower::contains);
    }
}
