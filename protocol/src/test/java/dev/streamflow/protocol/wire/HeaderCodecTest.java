package dev.streamflow.protocol.wire;

import com.google.protobuf.ByteString;
import dev.streamflow.protocol.net.Payment;
import dev.streamflow.protocol.net.PriceInfo;
import dev.streamflow.protocol.net.SegData;
import dev.streamflow.protocol.net.TicketSenderParams;
import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeaderCodecTest {

    @Test
    void segDataRoundTripsThroughPaddedStandardBase64() throws Exception {
        SegData segData = SegData.newBuilder().setManifestId(ByteString.copyFromUtf8("m")).setSeq(1).build();
        String header = HeaderCodec.encode(segData);
        assertEquals(Base64.getEncoder().encodeToString(segData.toByteArray()), header);
        assertTrue(header.endsWith("="), "this message's length is not a multiple of 3, so the header is padded: " + header);
        assertEquals(segData, HeaderCodec.decodeSegData(header));
    }

    @Test
    void unpaddedOrUrlSafeBase64IsRefused() {
        SegData segData = SegData.newBuilder().setManifestId(ByteString.copyFromUtf8("m")).setSeq(1).build();
        String unpadded = Base64.getEncoder().withoutPadding().encodeToString(segData.toByteArray());
        WireFormatException e = assertThrows(WireFormatException.class, () -> HeaderCodec.decodeSegData(unpadded));
        assertTrue(e.getMessage().contains("not padded"), e.getMessage());
        byte[] urlUnsafe = {(byte) 0xfb, (byte) 0xff, (byte) 0xfe};
        String urlSafe = Base64.getUrlEncoder().encodeToString(urlUnsafe);
        assertThrows(WireFormatException.class, () -> HeaderCodec.decodePayment(urlSafe));
    }

    @Test
    void garbageIsNamedByItsHeader() {
        WireFormatException e = assertThrows(WireFormatException.class,
                () -> HeaderCodec.decodeSegData(Base64.getEncoder().encodeToString(new byte[]{(byte) 0xff, (byte) 0xff, (byte) 0xff})));
        assertTrue(e.getMessage().startsWith(HeaderCodec.SEGMENT_HEADER + " is not a SegData message"), e.getMessage());
    }

    @Test
    void emptyPaymentIsTheFreePayment() throws Exception {
        assertEquals("", HeaderCodec.encode(Payment.getDefaultInstance()));
        assertEquals(Payment.getDefaultInstance(), HeaderCodec.decodePayment(""));
        assertEquals(Payment.getDefaultInstance(), HeaderCodec.decodePayment(null));
    }

    @Test
    void largePaymentRoundTripsAndOversizedHeaderIsRefused() throws Exception {
        Payment.Builder payment = Payment.newBuilder().setSender(ByteString.copyFrom(new byte[20]))
                .setExpectedPrice(PriceInfo.newBuilder().setPricePerUnit(1).setPixelsPerUnit(1));
        for (int nonce = 1; nonce <= 1000; nonce++) {
            payment.addTicketSenderParams(TicketSenderParams.newBuilder().setSenderNonce(nonce).setSig(ByteString.copyFrom(new byte[65])));
        }
        String header = HeaderCodec.encode(payment.build());
        assertTrue(header.length() > 64 << 10, "a go-livepeer-sized payment: " + header.length());
        assertEquals(payment.build(), HeaderCodec.decodePayment(header));
        String oversized = "A".repeat(HeaderCodec.MAX_HEADER_CHARS + 4);
        WireFormatException e = assertThrows(WireFormatException.class, () -> HeaderCodec.decodePayment(oversized));
        assertTrue(e.getMessage().contains("over the limit"), e.getMessage());
    }
}
