package dev.streamflow.pm.recipient;

import dev.streamflow.pm.key.Address;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Seen sender nonces per recipientRand (go-livepeer keeps a set, at most 600 per recipientRand). */
final class SenderNonces {
    static final int MAX_NONCES = 600;

    private final Map<BigInteger, Seen> byRecipientRand = new ConcurrentHashMap<>();

    private static final class Seen {
        final BigInteger expirationBlock;
        final Set<Long> nonces = new HashSet<>();

        Seen(BigInteger expirationBlock) {
            this.expirationBlock = expirationBlock;
        }
    }

    void accept(BigInteger recipientRand, BigInteger expirationBlock, Address sender, long nonce)
            throws PaymentRejectedException {
        Seen seen = byRecipientRand.computeIfAbsent(recipientRand, r -> new Seen(expirationBlock));
        synchronized (seen) {
            if (seen.nonces.contains(nonce)) {
                throw new PaymentRejectedException("invalid ticket senderNonce: already seen sender=" + sender
                        + " nonce=" + nonce, false);
            }
            if (seen.nonces.size() >= MAX_NONCES) {
                throw new PaymentRejectedException("invalid ticket senderNonce: too many values sender=" + sender
                        + " nonce=" + nonce, false);
            }
            seen.nonces.add(nonce);
        }
    }

    void forgetExpired(BigInteger lastSeenL1Block) {
        byRecipientRand.values().removeIf(seen -> seen.expirationBlock.compareTo(lastSeenL1Block) <= 0);
    }
}
