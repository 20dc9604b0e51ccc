package dev.streamflow.bridge.node;

import dev.streamflow.pm.chain.EthClient;
import dev.streamflow.pm.chain.LivepeerContracts;
import dev.streamflow.pm.chain.TransactionSender;
import dev.streamflow.pm.chain.TxProgress;
import dev.streamflow.pm.chain.TxSettings;
import dev.streamflow.pm.key.EthereumKey;
import dev.streamflow.pm.key.Keystore;
import dev.streamflow.pm.key.KeystoreException;
import dev.streamflow.pm.money.Fraction;
import dev.streamflow.pm.onchain.LivepeerChainView;
import dev.streamflow.pm.recipient.FileWinningTicketStore;
import dev.streamflow.pm.recipient.Recipient;
import dev.streamflow.pm.recipient.RecipientConfig;
import dev.streamflow.pm.redeem.Redeemer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Opens the on-chain side of a node: the key from the keystore, the chain, the recipient, the store and the redeemer. */
final class OnchainRecipient {
    static final String TICKET_DIR = OnchainOptions.TICKET_DIR;
    private static final Logger log = LoggerFactory.getLogger(OnchainRecipient.class);
    private static final Duration RPC_TIMEOUT = Duration.ofSeconds(10);

    private OnchainRecipient() {
    }

    /** Unlocks the keystore once; the password is read from its file, used and wiped. */
    static EthereumKey unlock(OnchainOptions options) throws IOException {
        char[] password = firstLine(options.passwordFile());
        try {
            return new Keystore(Keystore.ScryptParams.STANDARD).unlock(options.keystore(), password);
        } catch (KeystoreException e) {
            throw new IOException(e.getMessage(), e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    static Opened open(OnchainOptions options, EthereumKey key, Path dataDir, Fraction price, SecureRandom random)
            throws IOException {
        EthClient eth = EthClient.connect(options.ethUrl(), RPC_TIMEOUT);
        try {
            LivepeerContracts contracts = LivepeerContracts.resolve(eth, options.controller());
            LivepeerChainView chain = new LivepeerChainView(eth, contracts, options.chainCacheAge());
            FileWinningTicketStore store = new FileWinningTicketStore(dataDir.resolve(TICKET_DIR));
            RecipientConfig config = options.recipientConfig();
            Recipient recipient = new Recipient(key.address(), chain, config, store, random);
            TransactionSender gasPayer = new TransactionSender(eth, key, contracts.chainId(), TxSettings.DEFAULT, TxProgress.NONE);
            Redeemer redeemer = new Redeemer(key.address(), eth, contracts, gasPayer, store, config.redeemGas());
            OnchainPayments payments = new OnchainPayments(recipient, redeemer, price, chain::lastSeenL1Block);
            ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "bridge-redeemer");
                thread.setDaemon(true);
                return thread;
            });
            scheduler.scheduleWithFixedDelay(() -> {
                try {
                    payments.redeemDue();
                } catch (RuntimeException e) {
                    log.warn("redemption pass failed; will retry: {}", e.getMessage());
                }
            }, options.redeemInterval().toMillis(), options.redeemInterval().toMillis(), TimeUnit.MILLISECONDS);
            log.info("on-chain payments: recipient {} on chain {} via {}, controller {}, ticket EV {} wei, {} pending winning tickets in {}",
                    key.address(), contracts.chainId(), eth.endpoint(), options.controller(), config.ticketEV(),
                    store.pending().size(), dataDir.resolve(TICKET_DIR));
            return new Opened(payments, () -> {
                scheduler.shutdownNow();
                eth.close();
            });
        } catch (RuntimeException e) {
            eth.close();
            throw new IOException("cannot set up on-chain payments via " + options.ethUrl() + ": " + e.getMessage(), e);
        }
    }

    /** The payments and what closes the chain connection and the redemption schedule. */
    record Opened(OnchainPayments payments, Runnable closer) {
    }

    private static char[] firstLine(Path file) throws IOException {
        String content = Files.readString(file, StandardCharsets.UTF_8);
        int end = content.indexOf('\n');
        String line = end < 0 ? content : content.substring(0, end);
        return (line.endsWith("\r") ? line.substring(0, line.length() - 1) : line).toCharArray();
    }
}
