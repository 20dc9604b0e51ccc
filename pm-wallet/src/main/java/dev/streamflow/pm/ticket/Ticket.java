package dev.streamflow.pm.ticket;

import dev.streamflow.pm.key.Address;
import dev.streamflow.pm.key.EthereumKey;
import dev.streamflow.pm.key.Hex;
import dev.streamflow.pm.key.Signature;
import dev.streamflow.pm.key.Signatures;
import dev.streamflow.pm.money.Fraction;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * A PM ticket: exactly the fields the TicketBroker hashes (wire spec §4.1–4.2). The sender nonce is a
 * uint32 as in go-livepeer.
 */
public record Ticket(
        Address recipient,
        Address sender,
        BigInteger faceValue,
        BigInteger winProb,
        long senderNonce,
        byte[] recipientRandHash,
        TicketExpirationParams expirationParams) {

    /** The denominator of winProb: a ticket with winProb = 2^256 − 1 always wins. */
    public static final BigInteger MAX_WIN_PROB = Uint256.MAX;

    public Ticket {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(sender, "sender");
        Uint256.requireUint256(faceValue, "faceValue");
        Uint256.requireUint256(winProb, "winProb");
        if (senderNonce < 0 || senderNonce > 0xffffffffL) {
            throw new IllegalArgumentException("sender nonce must be a uint32, got " + senderNonce);
        }
        recipientRandHash = Uint256.requireBytes32(recipientRandHash, "recipientRandHash");
        Objects.requireNonNull(expirationParams, "expirationParams");
    }

    @Override
    public byte[] recipientRandHash() {
        return recipientRandHash.clone();
    }

    /** 64 bytes, or empty when creation round and block hash are both zero (go-livepeer's rule). */
    public byte[] auxData() {
        return expirationParams.auxData();
    }

    /** recipient(20) || sender(20) || u256(faceValue) || u256(winProb) || u256(nonce) || recipientRandHash(32) || auxData. */
    public byte[] flatten() {
        byte[] aux = auxData();
        return ByteBuffer.allocate(20 + 20 + 32 * 4 + aux.length)
                .put(recipient.bytes())
                .put(sender.bytes())
                .put(Uint256.toBytes32(faceValue))
                .put(Uint256.toBytes32(winProb))
                .put(Uint256.toBytes32(senderNonce))
                .put(recipientRandHash)
                .put(aux)
                .array();
    }

    public byte[] hash() {
        return Signatures.keccak256(flatten());
    }

    /** EIP-191 over the 32-byte ticket hash, no extra keccak (what the TicketBroker recovers). */
    public Signature sign(EthereumKey senderKey) {
        return senderKey.signPersonal(hash());
    }

    public Address recoverSigner(Signature sig) {
        return Signatures.recoverPersonal(hash(), sig);
    }

    /** True when {@code sig} is a valid signature of this ticket by {@link #sender()}. */
    public boolean isSignedBySender(Signature sig) {
        try {
            return recoverSigner(sig).equals(sender);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** {@code uint256(keccak256(sig || u256(recipientRand))) < winProb}. */
    public boolean isWinning(Signature sig, BigInteger recipientRand) {
        return isWinning(sig, recipientRand, winProb);
    }

    public static boolean isWinning(Signature sig, BigInteger recipientRand, BigInteger winProb) {
        byte[] preimage = ByteBuffer.allocate(Signature.LENGTH + 32)
                .put(sig.bytes())
                .put(Uint256.toBytes32(recipientRand))
                .array();
        return new BigInteger(1, Signatures.keccak256(preimage)).compareTo(winProb) < 0;
    }

    /** faceValue · winProb / (2^256 − 1), exact. */
    public Fraction expectedValue() {
        return expectedValue(faceValue, winProb);
    }

    public static Fraction expectedValue(BigInteger faceValue, BigInteger winProb) {
        return Fraction.of(faceValue.multiply(winProb), MAX_WIN_PROB);
    }

    /** winProb / (2^256 − 1), exact. */
    public Fraction winProbability() {
        return Fraction.of(winProb, MAX_WIN_PROB);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Ticket that && Arrays.equals(flatten(), that.flatten());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hash());
    }

    @Override
    public String toString() {
        return "Ticket[recipient=" + recipient + ", sender=" + sender + ", faceValue=" + faceValue
                + ", winProb=" + winProb + ", senderNonce=" + senderNonce
                + ", recipientRandHash=0x" + Hex.encode(recipientRandHash) + ", " + expirationParams + "]";
    }
}
