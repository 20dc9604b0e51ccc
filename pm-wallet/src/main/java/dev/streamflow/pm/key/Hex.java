package dev.streamflow.pm.key;

import java.util.HexFormat;

/** Hex helpers shared by the pm packages: lower-case, with or without a {@code 0x} prefix on input. */
public final class Hex {
    private static final HexFormat LOWER = HexFormat.of();

    private Hex() {
    }

    public static String encode(byte[] bytes) {
        return LOWER.formatHex(bytes);
    }

    public static String encodePrefixed(byte[] bytes) {
        return "0x" + encode(bytes);
    }

    /** Decodes hex, accepting an optional {@code 0x}/{@code 0X} prefix and either case. */
    public static byte[] decode(String hex) {
        String digits = strip0x(hex);
        if (digits.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits: " + digits.length());
        }
        try {
            return LOWER.parseHex(digits);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not hex: " + e.getMessage(), e);
        }
    }

    static String strip0x(String hex) {
        if (hex.startsWith("0x") || hex.startsWith("0X")) {
            return hex.substring(2);
        }
        return hex;
    }
}
