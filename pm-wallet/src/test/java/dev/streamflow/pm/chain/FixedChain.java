package dev.streamflow.pm.chain;

import dev.streamflow.pm.key.Address;
import dev.streamflow.pm.ticket.TicketExpirationParams;
import java.math.BigInteger;

/** A chain frozen at one moment, for pure payment logic tests (the real chain tests use anvil). */
public class FixedChain implements ChainView {
    public long l1Block = 1_000;
    public long round = 50;
    public TicketExpirationParams roundParams = new TicketExpirationParams(50, filled((byte) 0x5a));
    public SenderInfo sender = new SenderInfo(BigInteger.TEN.pow(18), 0, BigInteger.TEN.pow(18), BigInteger.ZERO);

    @Override
    public long lastSeenL1Block() {
        return l1Block;
    }

    @Override
    public long lastInitializedRound() {
        return round;
    }

    @Override
    public TicketExpirationParams lastInitializedRoundParams() {
        return roundParams;
    }

    @Override
    public SenderInfo senderInfo(Address address) {
        return sender;
    }

    public static byte[] filled(byte value) {
        byte[] bytes = new byte[32];
        java.util.Arrays.fill(bytes, value);
        return bytes;
    }
}
