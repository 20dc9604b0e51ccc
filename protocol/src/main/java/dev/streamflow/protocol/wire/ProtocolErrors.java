package dev.streamflow.protocol.wire;

import java.util.Set;

/** The error texts go-livepeer puts on the wire, so that both sides recognise them. */
public final class ProtocolErrors {
    /** Prefix of every GetOrchestrator refusal. */
    public static final String INVALID_ORCHESTRATOR_REQUEST = "Invalid orchestrator request: ";
    public static final String REQUEST_SIG_CHECK_FAILED = "orchestrator req sig check failed";
    public static final String ORCHESTRATOR_CAPPED = "OrchestratorCapped";
    public static final String ORCHESTRATOR_BUSY = "OrchestratorBusy";
    public static final String INVALID_AUTH_TOKEN_RPC = "Invalid auth token";

    public static final String SEGMENT_ENCODING = "ErrorSegEncoding";
    public static final String SEGMENT_SIGNATURE = "ErrSegSig";
    public static final String UNRECOGNIZED_FORMAT = "unrecognized profile output format";
    public static final String UNRECOGNIZED_PROFILE = "unrecognized encoder profile";
    public static final String UNRECOGNIZED_CODEC = "unrecognized video codec";
    public static final String INVALID_DURATION = "invalid duration";
    public static final String INCOMPATIBLE_CAPABILITIES = "incompatible capabilities";
    public static final String MISSING_AUTH_TOKEN = "missing auth token";
    public static final String INVALID_AUTH_TOKEN = "invalid auth token";
    public static final String EXPIRED_AUTH_TOKEN = "expired auth token";
    public static final String INSUFFICIENT_BALANCE = "Insufficient balance";
    /** The body's keccak256 differs from SegData.hash. */
    public static final String FORBIDDEN = "Forbidden";
    public static final String MISMATCHED_SEGMENTS = "MismatchedSegments";

    /**
     * Transcode errors that another attempt cannot fix because they describe the input (lpms
     * {@code ffmpeg_errors.go} {@code NonRetryableErrs}); go-livepeer compares whole error strings.
     */
    public static final Set<String> NON_RETRYABLE_TRANSCODE_ERRORS = Set.of(
            "Unsupported input pixel format", "Error initializing filtergraph", "Too many outputs",
            "Unsupported input codec", "No keyframes in input", "Unrecoverable state, restart process",
            "Output duration larger than input duration", "Output frame count larger than expected",
            "Decoder not found", "Demuxer not found", "Encoder not found", "Muxer not found", "Option not found",
            "Invalid argument", "TranscoderInvalidResolution", "TranscoderInvalidVideo", "TranscoderUnrecognizedFormat",
            "TranscoderUnrecognizedProfile", "TranscoderInvalidGOP", "TranscoderIncompatibleDevices");

    private ProtocolErrors() {
    }
}
