package dev.streamflow.protocol.wire;

import com.google.protobuf.ByteString;
import dev.streamflow.pm.key.Address;
import dev.streamflow.pm.key.Signature;
import dev.streamflow.pm.money.PriceInfo;
import dev.streamflow.pm.sender.Payment;
import dev.streamflow.pm.sender.TicketSenderParams;
import dev.streamflow.pm.ticket.TicketExpirationParams;
import dev.streamflow.pm.ticket.TicketParams;
import dev.streamflow.pm.ticket.Uint256;
import dev.streamflow.protocol.net.TicketExpirationParams.Builder;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * pm-wallet's payment types on the wire and back: {@code TicketParams}, {@code TicketExpirationParams},
 * {@code PriceInfo} and {@code Payment}. Big numbers are minimal big-endian bytes (zero is empty), as go-livepeer
 * writes {@code big.Int.Bytes()}; decoding accepts any length up to 32 bytes.
 */
public final class PaymentWire {
    private PaymentWire() {
    }

    public static dev.streamflow.protocol.net.TicketParams toWire(TicketParams params) {
        dev.streamflow.protocol.net.TicketParams.Builder wire = dev.streamflow.protocol.net.TicketParams.newBuilder()
                .setRecipient(ByteString.copyFrom(params.recipient().bytes()))
                .setFaceValue(big(params.faceValue()))
                .setWinProb(big(params.winProb()))
                .setRecipientRandHash(ByteString.copyFrom(params.recipientRandHash()))
                .setSeed(big(params.seed()))
                .setExpirationBlock(big(params.expirationBlock()));
        if (params.expirationParams() != null) {
            wire.setExpirationParams(toWire(params.expirationParams()));
        }
        return wire.build();
    }

    public static TicketParams fromWire(dev.streamflow.protocol.net.TicketParams wire) throws WireFormatException {
        try {
            return new TicketParams(address(wire.getRecipient(), "ticket recipient"), uint(wire.getFaceValue()),
                    uint(wire.getWinProb()), wire.getRecipientRandHash().toByteArray(), uint(wire.getSeed()),
                    uint(wire.getExpirationBlock()), wire.hasExpirationParams() ? fromWire(wire.getExpirationParams()) : null);
        } catch (IllegalArgumentException e) {
            throw new WireFormatException("malformed ticket params: " + e.getMessage(), e);
        }
    }

    public static dev.streamflow.protocol.net.TicketExpirationParams toWire(TicketExpirationParams params) {
        Builder wire = dev.streamflow.protocol.net.TicketExpirationParams.newBuilder().setCreationRound(params.creationRound());
        if (!params.isZero()) {
            wire.setCreationRoundBlockHash(ByteString.copyFrom(params.creationRoundBlockHash()));
        }
        return wire.build();
    }

    public static TicketExpirationParams fromWire(dev.streamflow.protocol.net.TicketExpirationParams wire) {
        return TicketExpirationParams.fromWire(wire.getCreationRound(), wire.getCreationRoundBlockHash().toByteArray());
    }

    public static dev.streamflow.protocol.net.PriceInfo toWire(PriceInfo price) {
        return dev.streamflow.protocol.net.PriceInfo.newBuilder().setPricePerUnit(price.pricePerUnit())
                .setPixelsPerUnit(price.pixelsPerUnit()).setCapability(price.capability()).setConstraint(price.constraint()).build();
    }

    public static PriceInfo fromWire(dev.streamflow.protocol.net.PriceInfo wire) {
        return new PriceInfo(wire.getPricePerUnit(), wire.getPixelsPerUnit(), wire.getCapability(), wire.getConstraint());
    }

    /** The protobuf Payment; the off-chain payment is the empty message (an empty header). */
    public static dev.streamflow.protocol.net.Payment toWire(Payment payment) {
        dev.streamflow.protocol.net.Payment.Builder wire = dev.streamflow.protocol.net.Payment.newBuilder();
        if (payment.ticketParams() != null) {
            wire.setTicketParams(toWire(payment.ticketParams()));
        }
        if (payment.sender() != null) {
            wire.setSender(ByteString.copyFrom(payment.sender().bytes()));
        }
        if (payment.expirationParams() != null) {
            wire.setExpirationParams(toWire(payment.expirationParams()));
        }
        for (TicketSenderParams ticket : payment.ticketSenderParams()) {
            wire.addTicketSenderParams(dev.streamflow.protocol.net.TicketSenderParams.newBuilder()
                    .setSenderNonce((int) ticket.senderNonce()).setSig(ByteString.copyFrom(ticket.sig().bytes())));
        }
        if (payment.expectedPrice() != null) {
            wire.setExpectedPrice(toWire(payment.expectedPrice()));
        }
        return wire.build();
    }

    /**
     * A received Payment. A signature that is not even a well-formed 65-byte Ethereum signature fails here with
     * {@link MalformedSignatureException}, which a recipient answers as go-livepeer does: {@code invalid ticket signature}.
     */
    public static Payment fromWire(dev.streamflow.protocol.net.Payment wire) throws WireFormatException {
        TicketParams params = wire.hasTicketParams() ? fromWire(wire.getTicketParams()) : null;
        if (params != null && params.expirationParams() != null) {
            params = params.withoutExpirationParams();
        }
        Address sender = wire.getSender().isEmpty() ? null : address(wire.getSender(), "payment sender");
        TicketExpirationParams expiration = wire.hasExpirationParams() ? fromWire(wire.getExpirationParams())
                : params == null ? null : TicketExpirationParams.NONE;
        List<TicketSenderParams> tickets = new ArrayList<>(wire.getTicketSenderParamsCount());
        for (dev.streamflow.protocol.net.TicketSenderParams ticket : wire.getTicketSenderParamsList()) {
            Signature sig;
            try {
                sig = new Signature(ticket.getSig().toByteArray());
            } catch (RuntimeException e) {
                throw new MalformedSignatureException(e.getMessage());
            }
            tickets.add(new TicketSenderParams(Integer.toUnsignedLong(ticket.getSenderNonce()), sig));
        }
        PriceInfo expected = wire.hasExpectedPrice() ? fromWire(wire.getExpectedPrice()) : null;
        if (params == null) {
            tickets = List.of(); // go-livepeer ignores tickets that come without params
        }
        try {
            return new Payment(params, sender, expiration, tickets, expected);
        } catch (IllegalArgumentException e) {
            throw new WireFormatException("malformed payment: " + e.getMessage(), e);
        }
    }

    /** A ticket signature that cannot be an Ethereum signature at all. */
    public static final class MalformedSignatureException extends WireFormatException {
        MalformedSignatureException(String message) {
            super("invalid ticket signature: " + message);
        }
    }

    private static ByteString big(BigInteger value) {
        return ByteString.copyFrom(Uint256.minBigEndian(value));
    }

    private static BigInteger uint(ByteString bytes) {
        if (bytes.size() > 32) {
            throw new IllegalArgumentException("a 256-bit number has " + bytes.size() + " bytes");
        }
        return new BigInteger(1, bytes.toByteArray());
    }

    private static Address address(ByteString bytes, String what) throws WireFormatException {
        if (bytes.size() != Address.LENGTH) {
            throw new WireFormatException(what + " has " + bytes.size() + " bytes, not " + Address.LENGTH);
        }
        return new Address(bytes.toByteArray());
    }
}
