package dev.streamflow.pm.key;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/** A 20-byte Ethereum address. {@link #toString()} is the EIP-55 checksummed form with {@code 0x}. */
public record Address(byte[] bytes) {
    public static final int LENGTH = 20;
    public static final Address ZERO = new Address(new byte[LENGTH]);

    public Address {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException("an address is " + LENGTH + " bytes, got "
                    + (bytes == null ? "null" : bytes.length));
        }
        bytes = bytes.clone();
    }

    /**
     * Parses 40 hex digits with an optional {@code 0x}. All-lower or all-upper input is accepted as is;
     * mixed case must carry a valid EIP-55 checksum.
     */
    public static Address parse(String hex) {
        String digits = Hex.strip0x(hex);
        if (digits.length() != 2 * LENGTH) {
            throw new IllegalArgumentException("an address is 40 hex digits, got " + digits.length() + ": " + hex);
        }
        Address address = new Address(Hex.decode(digits));
        if (isMixedCase(digits) && !address.toString().substring(2).equals(digits)) {
            throw new IllegalArgumentException("bad EIP-55 checksum in address " + hex
                    + " (expected " + address + ")");
        }
        return address;
    }

    public static Address fromPublicKey(byte[] publicKey64) {
        if (publicKey64.length != 64) {
            throw new IllegalArgumentException("an uncompressed public key without prefix is 64 bytes");
        }
        return new Address(Arrays.copyOfRange(Signatures.keccak256(publicKey64), 12, 32));
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public boolean isZero() {
        return equals(ZERO);
    }

    /** Lower-case hex with {@code 0x}. */
    public String toLowerHex() {
        return Hex.encodePrefixed(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Address that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** EIP-55: upper-case a hex letter when the matching nibble of keccak256(lower-case hex) is ≥ 8. */
    @Override
    public String toString() {
        String lower = Hex.encode(bytes);
        byte[] hash = Signatures.keccak256(lower.getBytes(StandardCharsets.US_ASCII));
        StringBuilder out = new StringBuilder(42).append("0x");
        for (int i = 0; i < lower.length(); i++) {
            int nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xf;
            char c = lower.charAt(i);
            out.append(nibble >= 8 ? Character.toUpperCase(c) : c);
        }
        return out.toString();
    }

    private static boolean isMixedCase(String digits) {
        return !digits.equals(digits.toLowerCase(Locale.ROOT)) && !digits.equals(digits.toUpperCase(Locale.ROOT));
    }
}
