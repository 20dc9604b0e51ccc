package dev.streamflow.protocol.wire;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import dev.streamflow.protocol.net.Payment;
import dev.streamflow.protocol.net.SegData;

import java.util.Base64;

/**
 * The {@code Livepeer-Segment} and {@code Livepeer-Payment} headers: standard base64 (RFC 4648, with padding)
 * of the serialised message. An empty {@code Livepeer-Payment} is valid and means "no payment" (off-chain).
 */
public final class HeaderCodec {
    public static final String SEGMENT_HEADER = "Livepeer-Segment";
    public static final String PAYMENT_HEADER = "Livepeer-Payment";
    /** The largest header value accepted, as go's server limit: 2,500 tickets of ~96 B base64 fit easily. */
    public static final int MAX_HEADER_CHARS = 1 << 20;

    private HeaderCodec() {
    }

    public static String encode(MessageLite message) {
        return Base64.getEncoder().encodeToString(message.toByteArray());
    }

    public static SegData decodeSegData(String header) throws WireFormatException {
        byte[] bytes = base64(SEGMENT_HEADER, header);
        try {
            return SegData.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new WireFormatException(SEGMENT_HEADER + " is not a SegData message: " + e.getMessage(), e);
        }
    }

    /** An absent or empty header decodes to the empty Payment. */
    public static Payment decodePayment(String header) throws WireFormatException {
        if (header == null || header.isEmpty()) {
            return Payment.getDefaultInstance();
        }
        byte[] bytes = base64(PAYMENT_HEADER, header);
        try {
            return Payment.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new WireFormatException(PAYMENT_HEADER + " is not a Payment message: " + e.getMessage(), e);
        }
    }

    private static byte[] base64(String name, String header) throws WireFormatException {
        if (header == null) {
            throw new WireFormatException(name + " header is missing");
        }
        if (header.length() > MAX_HEADER_CHARS) {
            throw new WireFormatException(name + " header has " + header.length() + " characters, over the limit of " + MAX_HEADER_CHARS);
        }
        if (header.length() % 4 != 0) {
            throw new WireFormatException(name + " header is not padded base64 (length " + header.length() + " is not a multiple of 4)");
        }
        try {
            return Base64.getDecoder().decode(header);
        } catch (IllegalArgumentException e) {
            throw new WireFormatException(name + " header is not standard base64: " + e.getMessage(), e);
        }
    }
}
