package dev.streamflow.protocol.wire;

import com.google.protobuf.ByteString;
import dev.streamflow.pm.key.Address;
import dev.streamflow.pm.key.EthereumKey;
import dev.streamflow.pm.money.PriceInfo;
import dev.streamflow.pm.sender.Payment;
import dev.streamflow.pm.sender.TicketSenderParams;
import dev.streamflow.pm.ticket.TicketExpirationParams;
import dev.streamflow.pm.ticket.TicketParams;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PaymentWireTest {
    private static final EthereumKey SENDER = EthereumKey.generate(new SecureRandom());
    private static final byte[] HASH = new byte[32];
    private static final TicketExpirationParams EXPIRATION = new TicketExpirationParams(100, filled((byte) 7));
    private static final TicketParams PARAMS = new TicketParams(Address.parse("0x1111111111111111111111111111111111111111"),
            BigInteger.valueOf(1000), BigInteger.ONE.shiftLeft(255), filled((byte) 3), BigInteger.ZERO, BigInteger.valueOf(4242), EXPIRATION);

    @Test
    void numbersAreMinimalBigEndianAndZeroIsEmpty() {
        dev.streamflow.protocol.net.TicketParams wire = PaymentWire.toWire(PARAMS);
        assertArrayEquals(new byte[]{0x03, (byte) 0xe8}, wire.getFaceValue().toByteArray());
        assertEquals(ByteString.EMPTY, wire.getSeed());
        assertEquals(32, wire.getWinProb().size());
        assertEquals(EXPIRATION, PaymentWire.fromWire(wire.getExpirationParams()));
    }

    @Test
    void ticketParamsAndPaymentsRoundTrip() throws Exception {
        assertEquals(PARAMS, PaymentWire.fromWire(PaymentWire.toWire(PARAMS)));
        TicketParams echoed = PARAMS.withoutExpirationParams();
        Payment payment = new Payment(echoed, SENDER.address(), EXPIRATION,
                List.of(new TicketSenderParams(1, echoed.ticket(SENDER.address(), 1, EXPIRATION).sign(SENDER)),
                        new TicketSenderParams(0xffffffffL, echoed.ticket(SENDER.address(), 0xffffffffL, EXPIRATION).sign(SENDER))),
                PriceInfo.of(7, 3));
        dev.streamflow.protocol.net.Payment wire = PaymentWire.toWire(payment);
        assertFalse(wire.getTicketParams().hasExpirationParams(), "field 7 stays out of Payment.ticket_params");
        assertEquals(payment, PaymentWire.fromWire(wire));
        assertEquals(payment, PaymentWire.fromWire(HeaderCodec.decodePayment(HeaderCodec.encode(wire))));
    }

    @Test
    void theOffchainPaymentIsTheEmptyMessage() throws Exception {
        assertEquals(dev.streamflow.protocol.net.Payment.getDefaultInstance(), PaymentWire.toWire(Payment.offchain()));
        Payment decoded = PaymentWire.fromWire(dev.streamflow.protocol.net.Payment.getDefaultInstance());
        assertNull(decoded.sender());
        assertFalse(decoded.hasTickets());
    }

    @Test
    void malformedFieldsAreWireFormatErrors() {
        dev.streamflow.protocol.net.Payment badSig = PaymentWire.toWire(new Payment(PARAMS.withoutExpirationParams(), SENDER.address(),
                EXPIRATION, List.of(), PriceInfo.of(1, 1))).toBuilder()
                .addTicketSenderParams(dev.streamflow.protocol.net.TicketSenderParams.newBuilder().setSenderNonce(1)
                        .setSig(ByteString.copyFrom(new byte[64]))).build();
        assertThrows(PaymentWire.MalformedSignatureException.class, () -> PaymentWire.fromWire(badSig));
        dev.streamflow.protocol.net.TicketParams shortRecipient = PaymentWire.toWire(PARAMS).toBuilder()
                .setRecipient(ByteString.copyFrom(new byte[19])).build();
        assertThrows(WireFormatException.class, () -> PaymentWire.fromWire(shortRecipient));
        dev.streamflow.protocol.net.TicketParams hugeFaceValue = PaymentWire.toWire(PARAMS).toBuilder()
                .setFaceValue(ByteString.copyFrom(new byte[33])).build();
        assertThrows(WireFormatException.class, () -> PaymentWire.fromWire(hugeFaceValue));
    }

    private static byte[] filled(byte value) {
        byte[] bytes = HASH.clone();
        Arrays.fill(bytes, value);
        return bytes;
    }
}
