package dev.streamflow.pm.onchain;

import dev.streamflow.pm.chain.ChainException;
import dev.streamflow.pm.chain.EthClient;
import dev.streamflow.pm.chain.LivepeerContracts;
import dev.streamflow.pm.chain.SenderInfo;
import dev.streamflow.pm.key.Address;
import dev.streamflow.pm.recipient.RecipientChainView;
import dev.streamflow.pm.ticket.TicketExpirationParams;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link RecipientChainView} (and so {@link dev.streamflow.pm.chain.ChainView}) read live from the Livepeer
 * contracts. Answers are reused for {@code maxAge} so a burst of tickets does not become a burst of RPCs;
 * {@link Duration#ZERO} reads through every time.
 */
public final class LivepeerChainView implements RecipientChainView {
    private static final Logger LOG = LoggerFactory.getLogger(LivepeerChainView.class);

    private final EthClient eth;
    private final LivepeerContracts contracts;
    private final Duration maxAge;
    private final Clock clock;
    private final Map<String, Timed> cache = new ConcurrentHashMap<>();

    private record Timed(Object value, Instant readAt) {
    }

    public LivepeerChainView(EthClient eth, LivepeerContracts contracts, Duration maxAge, Clock clock) {
        this.eth = eth;
        this.contracts = contracts;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    public LivepeerChainView(EthClient eth, LivepeerContracts contracts, Duration maxAge) {
        this(eth, contracts, maxAge, Clock.systemUTC());
    }

    @Override
    public long lastSeenL1Block() {
        return cached("l1Block", eth::latestL1BlockNumber);
    }

    @Override
    public long lastInitializedRound() {
        return cached("round", () -> contracts.roundsManager().lastInitializedRound());
    }

    /**
     * (lastInitializedRound, its block hash). When that hash reads as all zeros (seen on Arbitrum) the
     * previous round and its hash are used, as go-livepeer's orchestrator does.
     */
    @Override
    public TicketExpirationParams lastInitializedRoundParams() {
        return cached("roundParams", () -> {
            long round = contracts.roundsManager().lastInitializedRound();
            byte[] hash = contracts.roundsManager().blockHashForRound(round);
            if (isZero(hash) && round > 0) {
                round -= 1;
                hash = contracts.roundsManager().blockHashForRound(round);
            }
            return new TicketExpirationParams(round, hash);
        });
    }

    @Override
    public SenderInfo senderInfo(Address sender) {
        return cached("sender:" + sender, () -> contracts.ticketBroker().senderInfo(sender));
    }

    /** The node's gas price, or null when it cannot be read (counted as 0, as go-livepeer does). */
    @Override
    public BigInteger gasPrice() {
        try {
            return cached("gasPrice", eth::gasPrice);
        } catch (ChainException e) {
            LOG.warn("cannot read the gas price: {}", e.getMessage());
            return null;
        }
    }

    @Override
    public long activePoolSize() {
        return cached("poolSize", () -> contracts.bondingManager().transcoderPoolSize());
    }

    @Override
    public BigInteger claimedReserve(Address sender, Address claimant) {
        return cached("claimed:" + sender + ":" + claimant, () -> contracts.ticketBroker().claimedReserve(sender, claimant));
    }

    @Override
    public boolean isActiveOrchestrator(Address address) {
        return cached("active:" + address, () -> contracts.bondingManager().isActiveTranscoder(address));
    }

    @SuppressWarnings("unchecked")
    private <T> T cached(String key, Supplier<T> read) {
        if (maxAge.isZero()) {
            return read.get();
        }
        Instant now = clock.instant();
        Timed hit = cache.get(key);
        if (hit != null && Duration.between(hit.readAt(), now).compareTo(maxAge) < 0) {
            return (T) hit.value();
        }
        T value = read.get();
        cache.put(key, new Timed(value, now));
        return value;
    }

    private static boolean isZero(byte[] hash) {
        return Arrays.equals(hash, new byte[hash.length]);
    }

    @Override
    public String toString() {
        return "LivepeerChainView[" + eth.endpoint() + ", controller " + contracts.controller().address() + "]";
    }
}
