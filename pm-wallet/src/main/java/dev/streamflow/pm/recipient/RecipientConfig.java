package dev.streamflow.pm.recipient;

import java.math.BigInteger;

/**
 * The orchestrator's PM settings (go-livepeer flags): target ticket EV ({@code -ticketEV}, default 8 gwei),
 * gas to redeem a ticket (1 200 000 on Arbitrum, 350 000 on L1), the face-value/tx-cost multiplier (100),
 * an optional face-value cap ({@code -maxFaceValue}, 0 = none) and how many L1 blocks params live (40).
 */
public record RecipientConfig(BigInteger ticketEV, long redeemGas, long txCostMultiplier, BigInteger maxFaceValue,
        long expirationBlocks) {

    public static final long ARBITRUM_REDEEM_GAS = 1_200_000;
    public static final long L1_REDEEM_GAS = 350_000;
    public static final RecipientConfig ARBITRUM_DEFAULTS = new RecipientConfig(
            BigInteger.valueOf(8_000_000_000L), ARBITRUM_REDEEM_GAS, 100, BigInteger.ZERO, 40);

    public RecipientConfig {
        if (ticketEV.signum() <= 0 || redeemGas <= 0 || txCostMultiplier <= 0 || maxFaceValue.signum() < 0
                || expirationBlocks <= 1) {
            throw new IllegalArgumentException("invalid recipient config " + ticketEV + "/" + redeemGas + "/"
                    + txCostMultiplier + "/" + maxFaceValue + "/" + expirationBlocks);
        }
    }
}
