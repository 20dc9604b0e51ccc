package dev.streamflow.core.dispatch;

import dev.streamflow.core.config.PaymentSettings;
import dev.streamflow.pm.chain.EthClient;
import dev.streamflow.pm.chain.LivepeerContracts;
import dev.streamflow.pm.chain.LivepeerNetwork;
import dev.streamflow.pm.chain.SenderInfo;
import dev.streamflow.pm.key.Address;
import dev.streamflow.pm.key.EthereumKey;
import dev.streamflow.pm.key.Keystore;
import dev.streamflow.pm.key.KeystoreException;
import dev.streamflow.pm.onchain.LivepeerChainView;
import dev.streamflow.pm.sender.TicketSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/**
 * The broadcaster's on-chain side for {@code streamflow.payments.mode = onchain}: its key, unlocked once from the
 * keystore, and a {@link TicketSender} reading the chain through the Livepeer contracts.
 */
public record OnchainSender(EthereumKey key, TicketSender sender, EthClient eth) implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OnchainSender.class);
    private static final Duration RPC_TIMEOUT = Duration.ofSeconds(10);
    /** Chain reads are reused this long, so a burst of segments is not a burst of RPCs. */
    static final Duration CHAIN_CACHE = Duration.ofSeconds(2);

    public static OnchainSender open(PaymentSettings settings, Map<String, String> env) {
        EthereumKey key = unlock(settings, env);
        EthClient eth = EthClient.connect(settings.ethUrl(), RPC_TIMEOUT);
        try {
            long chainId = eth.chainId();
            Address controller = settings.controller().orElseGet(() -> LivepeerNetwork.byChainId(chainId)
                    .map(LivepeerNetwork::controller).orElseThrow(() -> new IllegalArgumentException("chain id " + chainId
                            + " has no known Livepeer Controller: set streamflow.payments.controller")));
            LivepeerContracts contracts = LivepeerContracts.resolve(eth, controller);
            LivepeerChainView chain = new LivepeerChainView(eth, contracts, CHAIN_CACHE);
            SenderInfo funds = chain.senderInfo(key.address());
            log.info("broadcaster {} pays on chain {} (controller {}): deposit {} wei, reserve {} wei{}", key.address(), chainId,
                    controller, funds.deposit(), funds.reserveFundsRemaining(),
                    funds.withdrawRound() != 0 ? ", UNLOCK IN PROGRESS (withdraw round " + funds.withdrawRound() + ")" : "");
            if (funds.deposit().signum() == 0 || funds.reserveFundsRemaining().signum() == 0) {
                log.warn("broadcaster {} has no deposit or no reserve: orchestrators will not be paid "
                        + "(./streamflow wallet deposit AMOUNT / reserve AMOUNT)", key.address());
            }
            return new OnchainSender(key, new TicketSender(key, chain, settings.limits()), eth);
        } catch (RuntimeException e) {
            eth.close();
            throw new IllegalStateException("cannot set up on-chain payments via " + settings.ethUrl() + ": " + e.getMessage(), e);
        }
    }

    private static EthereumKey unlock(PaymentSettings settings, Map<String, String> env) {
        Path keystore = settings.keystore().orElseThrow();
        char[] password = password(settings, env);
        try {
            return new Keystore(Keystore.ScryptParams.STANDARD).unlock(keystore, password);
        } catch (KeystoreException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static char[] password(PaymentSettings settings, Map<String, String> env) {
        if (settings.passwordFile().isPresent()) {
            Path file = settings.passwordFile().get();
            try {
                String content = Files.readString(file, StandardCharsets.UTF_8);
                int end = content.indexOf('\n');
                String line = end < 0 ? content : content.substring(0, end);
                return (line.endsWith("\r") ? line.substring(0, line.length() - 1) : line).toCharArray();
            } catch (IOException e) {
                throw new IllegalStateException("cannot read streamflow.payments.password-file " + file + ": " + e.getMessage(), e);
            }
        }
        String fromEnv = env.get(PaymentSettings.PASSWORD_ENV);
        if (fromEnv == null) {
            throw new IllegalStateException("no keystore password: set streamflow.payments.password-file or " + PaymentSettings.PASSWORD_ENV);
        }
        return fromEnv.toCharArray();
    }

    @Override
    public void close() {
        eth.close();
    }

    @Override
    public String toString() {
        return "OnchainSender[" + key.address() + "]";
    }
}
