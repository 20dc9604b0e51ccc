package dev.streamflow.pm.cli;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Exact ETH amounts: {@code 0.5ETH}, {@code 0.5} (ETH), {@code 2gwei} or {@code 1000000wei}, to and from wei. */
final class Amounts {
    private static final Pattern AMOUNT = Pattern.compile("(\\d+(?:\\.\\d+)?|\\.\\d+)\\s*(eth|gwei|wei)?");

    private Amounts() {
    }

    static BigInteger parseWei(String text) throws UsageException {
        Matcher m = AMOUNT.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new UsageException("not an amount: '" + text + "' (examples: 0.5ETH, 0.5, 2gwei, 1000000wei)");
        }
        String unit = m.group(2) == null ? "eth" : m.group(2);
        int decimals = switch (unit) {
            case "eth" -> 18;
            case "gwei" -> 9;
            default -> 0;
        };
        BigDecimal wei = new BigDecimal(m.group(1)).movePointRight(decimals);
        try {
            BigInteger exact = wei.toBigIntegerExact();
            if (exact.signum() <= 0) {
                throw new UsageException("the amount must be more than zero: '" + text + "'");
            }
            return exact;
        } catch (ArithmeticException e) {
            throw new UsageException("'" + text + "' is not a whole number of wei (1 ETH = 10^18 wei)");
        }
    }

    /** {@code 1.5 ETH}, exact, without trailing zeros. */
    static String eth(BigInteger wei) {
        return new BigDecimal(wei).movePointLeft(18).stripTrailingZeros().toPlainString() + " ETH";
    }
}
