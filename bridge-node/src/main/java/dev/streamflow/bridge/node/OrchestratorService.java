package dev.streamflow.bridge.node;

import com.google.protobuf.ByteString;
import dev.streamflow.pm.key.EthereumKey;
import dev.streamflow.protocol.net.EndTranscodingSessionRequest;
import dev.streamflow.protocol.net.EndTranscodingSessionResponse;
import dev.streamflow.protocol.net.OrchestratorGrpc;
import dev.streamflow.protocol.net.OrchestratorInfo;
import dev.streamflow.protocol.net.OrchestratorRequest;
import dev.streamflow.protocol.net.PingPong;
import dev.streamflow.protocol.wire.AddressSignature;
import dev.streamflow.protocol.wire.PingSignature;
import dev.streamflow.protocol.wire.ProtocolErrors;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HexFormat;

/**
 * The node's gRPC side. Refusals carry go-livepeer's texts with status UNKNOWN, which is what a Go handler
 * returning a plain error produces.
 */
final class OrchestratorService extends OrchestratorGrpc.OrchestratorImplBase {
    private static final Logger log = LoggerFactory.getLogger(OrchestratorService.class);
    private static final int MAX_PING_BYTES = 1024;

    private final EthereumKey key;
    private final Offers offers;
    private final Sessions sessions;
    private final AuthTokens tokens;

    OrchestratorService(EthereumKey key, Offers offers, Sessions sessions, AuthTokens tokens) {
        this.key = key;
        this.offers = offers;
        this.sessions = sessions;
        this.tokens = tokens;
    }

    @Override
    public void getOrchestrator(OrchestratorRequest request, StreamObserver<OrchestratorInfo> reply) {
        byte[] holder = holder(request.getAddress());
        if (holder == null || (!isAnonymous(holder) && !AddressSignature.verify(holder, request.getSig().toByteArray()))) {
            log.debug("GetOrchestrator refused: signature of {} does not verify", hexAddress(request.getAddress()));
            refuse(reply, ProtocolErrors.INVALID_ORCHESTRATOR_REQUEST + ProtocolErrors.REQUEST_SIG_CHECK_FAILED);
            return;
        }
        if (!request.getIgnoreCapacityCheck() && sessions.full()) {
            refuse(reply, ProtocolErrors.INVALID_ORCHESTRATOR_REQUEST + ProtocolErrors.ORCHESTRATOR_CAPPED);
            return;
        }
        OrchestratorInfo offer;
        try {
            offer = offers.offer(holder);
        } catch (NodePayments.PaymentRefusal e) {
            log.debug("GetOrchestrator from {}: no ticket params: {}", hexAddress(request.getAddress()), e.getMessage());
            refuse(reply, e.getMessage());
            return;
        }
        reply.onNext(offer);
        reply.onCompleted();
    }

    @Override
    public void ping(PingPong request, StreamObserver<PingPong> reply) {
        if (request.getValue().size() > MAX_PING_BYTES) {
            reply.onError(Status.INVALID_ARGUMENT.withDescription("ping value is over " + MAX_PING_BYTES + " bytes").asRuntimeException());
            return;
        }
        byte[] sig = PingSignature.sign(key, request.getValue().toByteArray());
        reply.onNext(PingPong.newBuilder().setValue(ByteString.copyFrom(sig)).build());
        reply.onCompleted();
    }

    /**
     * Ends the session of a genuine token. A token is checked against the sender it was issued to, which only a
     * live session remembers; a token without a live session has nothing to end and is answered as done.
     */
    @Override
    public void endTranscodingSession(EndTranscodingSessionRequest request, StreamObserver<EndTranscodingSessionResponse> reply) {
        String sessionId = request.getAuthToken().getSessionId();
        byte[] holder = sessions.holder(sessionId);
        if (holder != null && !tokens.genuine(request.getAuthToken(), holder)) {
            refuse(reply, ProtocolErrors.INVALID_AUTH_TOKEN_RPC);
            return;
        }
        if (holder != null && sessions.end(sessionId)) {
            log.debug("session {} ended by its broadcaster", sessionId);
        }
        reply.onNext(EndTranscodingSessionResponse.getDefaultInstance());
        reply.onCompleted();
    }

    /** The 20-byte address asking, zero for an anonymous broadcaster, or null if malformed. */
    static byte[] holder(ByteString address) {
        if (address.isEmpty()) {
            return AuthTokens.ANONYMOUS.clone();
        }
        return address.size() == 20 ? address.toByteArray() : null;
    }

    static boolean isAnonymous(byte[] holder) {
        for (byte b : holder) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String hexAddress(ByteString address) {
        return "0x" + HexFormat.of().formatHex(address.toByteArray());
    }

    private static void refuse(StreamObserver<?> reply, String message) {
        reply.onError(Status.UNKNOWN.withDescription(message).asRuntimeException());
    }
}
