package dev.streamflow.bridge.node;

import dev.streamflow.pm.key.Address;
import dev.streamflow.pm.recipient.RecipientConfig;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code --pm onchain}: where the chain is, the orchestrator's keystore (its key signs results and redeems tickets)
 * and the recipient's ticket settings (go-livepeer's {@code -ticketEV} and {@code -maxFaceValue}).
 *
 * @param ethUrl         JSON-RPC endpoint
 * @param controller     the Livepeer Controller; every other contract is resolved through it
 * @param keystore       V3 keystore file of the orchestrator key
 * @param passwordFile   its password on the first line (never logged)
 * @param ticketEV       target expected value per ticket, wei
 * @param maxFaceValue   face-value cap, wei; 0 = none
 * @param chainCacheAge  how long a chain read is reused (0 reads through)
 * @param redeemInterval how often stored winning tickets are checked for redemption
 */
public record OnchainOptions(String ethUrl, Address controller, Path keystore, Path passwordFile, BigInteger ticketEV,
                             BigInteger maxFaceValue, Duration chainCacheAge, Duration redeemInterval) {
    /** Where, under the node's data directory, winning tickets wait for redemption (they survive restarts). */
    public static final String TICKET_DIR = "winning-tickets";
    public static final Duration DEFAULT_CACHE_AGE = Duration.ofSeconds(2);
    public static final Duration DEFAULT_REDEEM_INTERVAL = Duration.ofSeconds(15);

    public OnchainOptions {
        if (ethUrl == null || controller == null || keystore == null || passwordFile == null) {
            throw new IllegalArgumentException("--pm onchain needs --eth-url, --controller, --keystore and --password-file");
        }
        if (ticketEV.signum() <= 0 || maxFaceValue.signum() < 0) {
            throw new IllegalArgumentException("--ticket-ev must be positive and --max-face-value not negative");
        }
        if (chainCacheAge.isNegative() || redeemInterval.isNegative() || redeemInterval.isZero()) {
            throw new IllegalArgumentException("invalid chain cache age or redeem interval");
        }
    }

    public static OnchainOptions of(String ethUrl, Address controller, Path keystore, Path passwordFile) {
        return new OnchainOptions(ethUrl, controller, keystore, passwordFile, RecipientConfig.ARBITRUM_DEFAULTS.ticketEV(),
                BigInteger.ZERO, DEFAULT_CACHE_AGE, DEFAULT_REDEEM_INTERVAL);
    }

    public OnchainOptions withTicketEV(BigInteger ev) {
        return new OnchainOptions(ethUrl, controller, keystore, passwordFile, ev, maxFaceValue, chainCacheAge, redeemInterval);
    }

    public OnchainOptions withMaxFaceValue(BigInteger cap) {
        return new OnchainOptions(ethUrl, controller, keystore, passwordFile, ticketEV, cap, chainCacheAge, redeemInterval);
    }

    public OnchainOptions withChainCacheAge(Duration age) {
        return new OnchainOptions(ethUrl, controller, keystore, passwordFile, ticketEV, maxFaceValue, age, redeemInterval);
    }

    public OnchainOptions withRedeemInterval(Duration interval) {
        return new OnchainOptions(ethUrl, controller, keystore, passwordFile, ticketEV, maxFaceValue, chainCacheAge, interval);
    }

    RecipientConfig recipientConfig() {
        RecipientConfig d = RecipientConfig.ARBITRUM_DEFAULTS;
        return new RecipientConfig(ticketEV, d.redeemGas(), d.txCostMultiplier(), maxFaceValue, d.expirationBlocks());
    }
}
