package dev.streamflow.pm.ticket;

import dev.streamflow.pm.key.Hex;
import java.util.Arrays;

/** Protobuf {@code TicketExpirationParams}: the creation round and its block hash (32 bytes). */
public record TicketExpirationParams(long creationRound, byte[] creationRoundBlockHash) {
    public static final TicketExpirationParams NONE = new TicketExpirationParams(0, new byte[32]);

    public TicketExpirationParams {
        if (creationRound < 0) {
            throw new IllegalArgumentException("creation round must not be negative: " + creationRound);
        }
        creationRoundBlockHash = Uint256.requireBytes32(creationRoundBlockHash, "creation round block hash");
    }

    /** From wire bytes of any length ≤ 32, left-padded the way go-ethereum's BytesToHash does. */
    public static TicketExpirationParams fromWire(long creationRound, byte[] blockHash) {
        if (blockHash.length > 32) {
            throw new IllegalArgumentException("creation round block hash longer than 32 bytes: " + blockHash.length);
        }
        byte[] padded = new byte[32];
        System.arraycopy(blockHash, 0, padded, 32 - blockHash.length, blockHash.length);
        return new TicketExpirationParams(creationRound, padded);
    }

    @Override
    public byte[] creationRoundBlockHash() {
        return creationRoundBlockHash.clone();
    }

    /** Round 0 with an all-zero hash: what go-livepeer treats as "no expiration params". */
    public boolean isZero() {
        return creationRound == 0 && Arrays.equals(creationRoundBlockHash, new byte[32]);
    }

    /** {@code u256(creationRound) || blockHash}, or empty when {@link #isZero()} (Go's rule). */
    public byte[] auxData() {
        if (isZero()) {
            return new byte[0];
        }
        byte[] aux = new byte[64];
        System.arraycopy(Uint256.toBytes32(creationRound), 0, aux, 0, 32);
        System.arraycopy(creationRoundBlockHash, 0, aux, 32, 32);
        return aux;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TicketExpirationParams that && creationRound == that.creationRound
                && Arrays.equals(creationRoundBlockHash, that.creationRoundBlockHash);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(creationRound) + Arrays.hashCode(creationRoundBlockHash);
    }

    @Override
    public String toString() {
        return "TicketExpirationParams[round=" + creationRound + ", blockHash=0x" + Hex.encode(creationRoundBlockHash) + "]";
    }
}
