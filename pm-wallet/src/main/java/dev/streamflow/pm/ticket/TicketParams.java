package dev.streamflow.pm.ticket;

import dev.streamflow.pm.key.Address;
import dev.streamflow.pm.key.Hex;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;

/**
 * Protobuf {@code TicketParams} as the orchestrator sent it. Fields 1–6 are echoed unchanged in
 * {@code Payment.ticket_params}; {@code expirationParams} (field 7) is O's and travels separately
 * as {@code Payment.expiration_params}. It may be null when O sent none.
 */
public record TicketParams(
        Address recipient,
        BigInteger faceValue,
        BigInteger winProb,
        byte[] recipientRandHash,
        BigInteger seed,
        BigInteger expirationBlock,
        TicketExpirationParams expirationParams) {

    public TicketParams {
        Objects.requireNonNull(recipient, "recipient");
        Uint256.requireUint256(faceValue, "faceValue");
        Uint256.requireUint256(winProb, "winProb");
        recipientRandHash = Uint256.requireBytes32(recipientRandHash, "recipientRandHash");
        Uint256.requireUint256(seed, "seed");
        Uint256.requireUint256(expirationBlock, "expirationBlock");
    }

    @Override
    public byte[] recipientRandHash() {
        return recipientRandHash.clone();
    }

    public String recipientRandHashHex() {
        return Hex.encode(recipientRandHash);
    }

    /** The same params without field 7, as they go into {@code Payment.ticket_params}. */
    public TicketParams withoutExpirationParams() {
        return new TicketParams(recipient, faceValue, winProb, recipientRandHash, seed, expirationBlock, null);
    }

    /** The ticket these params define for a sender, nonce and the payment's expiration params. */
    public Ticket ticket(Address sender, long senderNonce, TicketExpirationParams paymentExpirationParams) {
        return new Ticket(recipient, sender, faceValue, winProb, senderNonce, recipientRandHash, paymentExpirationParams);
    }

    /** faceValue · winProb / (2^256 − 1), exact. */
    public dev.streamflow.pm.money.Fraction expectedValue() {
        return Ticket.expectedValue(faceValue, winProb);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TicketParams that && recipient.equals(that.recipient)
                && faceValue.equals(that.faceValue) && winProb.equals(that.winProb)
                && Arrays.equals(recipientRandHash, that.recipientRandHash) && seed.equals(that.seed)
                && expirationBlock.equals(that.expirationBlock)
                && Objects.equals(expirationParams, that.expirationParams);
    }

    @Override
    public int hashCode() {
        return Objects.hash(recipient, faceValue, winProb, Arrays.hashCode(recipientRandHash), seed, expirationBlock,
                expirationParams);
    }

    @Override
    public String toString() {
        return "TicketParams[recipient=" + recipient + ", faceValue=" + faceValue + ", winProb=" + winProb
                + ", recipientRandHash=0x" + recipientRandHashHex() + ", seed=0x" + seed.toString(16)
                + ", expirationBlock=" + expirationBlock + ", expirationParams=" + expirationParams + "]";
    }
}
