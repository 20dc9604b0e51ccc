package dev.streamflow.pm.sender;

import java.math.BigInteger;

/**
 * The sender's guards (go-livepeer flags): {@code -maxTicketEV} (default 3·10^12 wei),
 * {@code -maxTotalEV} (2·10^13 wei per payment) and {@code -depositMultiplier} (1).
 */
public record SenderLimits(BigInteger maxTicketEV, BigInteger maxTotalEV, BigInteger depositMultiplier) {
    public static final SenderLimits DEFAULTS = new SenderLimits(
            BigInteger.valueOf(3_000_000_000_000L), BigInteger.valueOf(20_000_000_000_000L), BigInteger.ONE);

    public SenderLimits {
        if (maxTicketEV.signum() <= 0 || maxTotalEV.signum() <= 0 || depositMultiplier.signum() <= 0) {
            throw new IllegalArgumentException("sender limits must be positive");
        }
    }
}
