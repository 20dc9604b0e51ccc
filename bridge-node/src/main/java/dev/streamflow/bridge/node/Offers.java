package dev.streamflow.bridge.node;

import com.google.protobuf.ByteString;
import dev.streamflow.protocol.net.AuthToken;
import dev.streamflow.protocol.net.Capabilities;
import dev.streamflow.protocol.net.OrchestratorInfo;
import dev.streamflow.protocol.net.PriceInfo;
import dev.streamflow.protocol.wire.Capability;
import dev.streamflow.protocol.wire.CapabilitySet;
import dev.streamflow.protocol.wire.WireCapabilities;

import java.math.BigInteger;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * The node's OrchestratorInfo: its transcoder URI, price, address, capabilities, an auth token and, when paid
 * on chain, ticket parameters made for the asking broadcaster. The capabilities are what the engine really does: H.264 in, H.264 in MPEG-TS out,
 * direct storage, auth tokens (mandatory, as in go-livepeer). MPEG-7 signatures (capability 14) are not
 * offered: the LGPL FFmpeg build has no {@code signature} filter (implementation-notes §10).
 */
final class Offers {
    /** The version this node reports in its capabilities. */
    static final String NODE_VERSION = "0.1.0";
    static final CapabilitySet OFFERED = CapabilitySet.of(Capability.H264, Capability.MPEGTS, Capability.STORAGE_DIRECT, Capability.AUTH_TOKEN);
    static final CapabilitySet MANDATORY = CapabilitySet.of(Capability.AUTH_TOKEN);

    private final URI serviceUri;
    private final byte[] address;
    private final PriceInfo price;
    private final Capabilities capabilities;
    private final AuthTokens tokens;
    private final NodePayments payments;

    Offers(URI serviceUri, byte[] address, long pricePerUnit, long pixelsPerUnit, int maxSessions, AuthTokens tokens) {
        this(serviceUri, address, pricePerUnit, pixelsPerUnit, maxSessions, tokens, NodePayments.OFFCHAIN);
    }

    Offers(URI serviceUri, byte[] address, long pricePerUnit, long pixelsPerUnit, int maxSessions, AuthTokens tokens,
           NodePayments payments) {
        this.serviceUri = serviceUri;
        this.address = address.clone();
        this.price = reduced(pricePerUnit, pixelsPerUnit);
        this.capabilities = WireCapabilities.toProto(OFFERED, MANDATORY, capacities(maxSessions), NODE_VERSION);
        this.tokens = tokens;
        this.payments = payments;
    }

    Capabilities capabilities() {
        return capabilities;
    }

    PriceInfo price() {
        return price;
    }

    /** An offer with a new session for {@code holder}, with fresh ticket parameters when the node is paid on chain. */
    OrchestratorInfo offer(byte[] holder) throws NodePayments.PaymentRefusal {
        OrchestratorInfo.Builder offer = base(tokens.issue(holder));
        payments.ticketParams(holder).ifPresent(offer::setTicketParams);
        return offer.build();
    }

    /**
     * The offer returned with a result: the session's own token, as go-livepeer does, and fresh ticket parameters.
     * If none can be made now the offer goes without them (the broadcaster keeps its current ones).
     */
    OrchestratorInfo withToken(AuthToken token, byte[] holder) {
        OrchestratorInfo.Builder offer = base(token);
        try {
            payments.ticketParams(holder).ifPresent(offer::setTicketParams);
        } catch (NodePayments.PaymentRefusal e) {
            // the next GetOrchestrator reports it
        }
        return offer.build();
    }

    /** The offer without ticket parameters (off-chain, or tests). */
    OrchestratorInfo withToken(AuthToken token) {
        return base(token).build();
    }

    private OrchestratorInfo.Builder base(AuthToken token) {
        return OrchestratorInfo.newBuilder()
                .setTranscoder(serviceUri.toString())
                .setPriceInfo(price)
                .setAddress(ByteString.copyFrom(address))
                .setCapabilities(capabilities)
                .setAuthToken(token);
    }

    /** The price as a reduced fraction, as go-livepeer serialises its {@code big.Rat}. */
    static PriceInfo reduced(long pricePerUnit, long pixelsPerUnit) {
        if (pricePerUnit == 0) {
            return PriceInfo.newBuilder().setPricePerUnit(0).setPixelsPerUnit(1).build();
        }
        long gcd = BigInteger.valueOf(pricePerUnit).gcd(BigInteger.valueOf(pixelsPerUnit)).longValueExact();
        return PriceInfo.newBuilder().setPricePerUnit(pricePerUnit / gcd).setPixelsPerUnit(pixelsPerUnit / gcd).build();
    }

    private static Map<Integer, Integer> capacities(int maxSessions) {
        Map<Integer, Integer> capacities = new HashMap<>();
        for (Capability capability : Capability.values()) {
            if (OFFERED.contains(capability)) {
                capacities.put(capability.id(), maxSessions);
            }
        }
        return capacities;
    }
}
