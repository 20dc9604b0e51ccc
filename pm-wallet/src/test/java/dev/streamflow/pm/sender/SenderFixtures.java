package dev.streamflow.pm.sender;

import dev.streamflow.pm.key.Address;
import dev.streamflow.pm.key.EthereumKey;
import dev.streamflow.pm.key.Hex;
import dev.streamflow.pm.ticket.Ticket;
import dev.streamflow.pm.ticket.TicketExpirationParams;
import dev.streamflow.pm.ticket.TicketParams;
import java.math.BigInteger;
import java.security.SecureRandom;

final class SenderFixtures {
    static final EthereumKey SENDER_KEY = EthereumKey.fromPrivateKey(
            Hex.decode("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"));
    static final Address RECIPIENT = Address.parse("0x73AEd7b5dEb30222fa896f399d46cC99c7BEe57F");
    /** 2^256 − 1 is divisible by 5, so winProb = MAX/5 gives an EV of exactly faceValue/5. */
    static final BigInteger ONE_FIFTH = Ticket.MAX_WIN_PROB.divide(BigInteger.valueOf(5));

    private SenderFixtures() {
    }

    static TicketParams params(BigInteger faceValue, BigInteger winProb, long expirationBlock) {
        byte[] randHash = new byte[32];
        new SecureRandom().nextBytes(randHash);
        return new TicketParams(RECIPIENT, faceValue, winProb, randHash, new BigInteger(1, randHash).shiftRight(3),
                BigInteger.valueOf(expirationBlock), new TicketExpirationParams(49, FixedChainBytes.HASH));
    }

    /** EV = faceValue / 5 exactly. */
    static TicketParams paramsWithEv(long ev, long expirationBlock) {
        return params(BigInteger.valueOf(5 * ev), ONE_FIFTH, expirationBlock);
    }

    static final class FixedChainBytes {
        static final byte[] HASH = dev.streamflow.pm.chain.FixedChain.filled((byte) 0x17);
    }
}
