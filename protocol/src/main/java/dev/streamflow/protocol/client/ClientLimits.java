package dev.streamflow.protocol.client;

/**
 * Size bounds on what an orchestrator may send back.
 *
 * @param maxMessageBytes         a gRPC reply (OrchestratorInfo, PingPong)
 * @param maxTranscodeResultBytes the protobuf TranscodeResult after the early 200
 * @param maxRenditionBytes       one downloaded rendition
 * @param maxErrorTextBytes       how much of an error body is kept for the message
 */
public record ClientLimits(int maxMessageBytes, long maxTranscodeResultBytes, long maxRenditionBytes, int maxErrorTextBytes) {

    public ClientLimits {
        if (maxMessageBytes < 1024 || maxTranscodeResultBytes < 1024 || maxRenditionBytes < 1024 || maxErrorTextBytes < 64) {
            throw new IllegalArgumentException("limits are too small to hold any real answer");
        }
    }

    /** 4 MiB messages and results, 64 MiB per rendition, 4 KiB of error text. */
    public static ClientLimits defaults() {
        return new ClientLimits(4 << 20, 4L << 20, 64L << 20, 4096);
    }
}
