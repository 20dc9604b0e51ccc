package dev.streamflow.protocol.client;

import com.google.protobuf.ByteString;
import dev.streamflow.pm.key.EthereumKey;
import dev.streamflow.protocol.net.OrchestratorInfo;
import dev.streamflow.protocol.net.Payment;
import dev.streamflow.protocol.net.SegData;
import dev.streamflow.protocol.wire.AddressSignature;
import dev.streamflow.protocol.wire.SegmentSignature;

/**
 * Who the broadcaster is on the wire: an Ethereum key that signs requests and segments, or nobody (go-livepeer's
 * off-chain broadcaster: zero address, empty signatures, empty payment).
 */
public final class BroadcasterIdentity {
    private static final byte[] ZERO_ADDRESS = new byte[20];

    private final EthereumKey key;
    private final byte[] address;
    private final byte[] requestSignature;

    private BroadcasterIdentity(EthereumKey key) {
        this.key = key;
        this.address = key == null ? ZERO_ADDRESS : key.address().bytes().clone();
        this.requestSignature = key == null ? new byte[0] : AddressSignature.sign(key);
    }

    public static BroadcasterIdentity anonymous() {
        return new BroadcasterIdentity(null);
    }

    public static BroadcasterIdentity of(EthereumKey key) {
        return new BroadcasterIdentity(key);
    }

    public boolean isAnonymous() {
        return key == null;
    }

    public ByteString address() {
        return ByteString.copyFrom(address);
    }

    /** The GetOrchestrator signature, made once. */
    public ByteString requestSignature() {
        return ByteString.copyFrom(requestSignature);
    }

    ByteString signSegment(SegData unsigned) {
        return key == null ? ByteString.EMPTY : ByteString.copyFrom(SegmentSignature.sign(key, unsigned));
    }

    /**
     * The payment of a segment that carries no tickets: {@code sender} and the orchestrator's price echoed, as
     * go-livepeer sends when it has enough credit; nothing at all (an empty header) when anonymous.
     */
    public Payment paymentWithoutTickets(OrchestratorInfo info) {
        if (key == null) {
            return Payment.getDefaultInstance();
        }
        Payment.Builder payment = Payment.newBuilder().setSender(address());
        if (info.hasPriceInfo()) {
            payment.setExpectedPrice(info.getPriceInfo());
        }
        return payment.build();
    }
}
