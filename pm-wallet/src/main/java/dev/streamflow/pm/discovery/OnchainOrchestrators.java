package dev.streamflow.pm.discovery;

import dev.streamflow.pm.chain.BondingManager;
import dev.streamflow.pm.chain.ChainException;
import dev.streamflow.pm.chain.ServiceRegistry;
import dev.streamflow.pm.key.Address;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code onchain} orchestrator source: walks the BondingManager's transcoder pool (largest stake first),
 * keeps the active ones with at least {@code minimumStake} and a service URI, in pool order.
 */
public final class OnchainOrchestrators {
    private static final Logger LOG = LoggerFactory.getLogger(OnchainOrchestrators.class);

    private final BondingManager bondingManager;
    private final ServiceRegistry serviceRegistry;

    public OnchainOrchestrators(BondingManager bondingManager, ServiceRegistry serviceRegistry) {
        this.bondingManager = bondingManager;
        this.serviceRegistry = serviceRegistry;
    }

    public List<OnchainOrchestrator> active(BigInteger minimumStake) {
        long poolSize = bondingManager.transcoderPoolSize();
        List<OnchainOrchestrator> found = new ArrayList<>();
        Set<Address> seen = new HashSet<>();
        Address current = bondingManager.firstTranscoderInPool();
        while (!current.isZero()) {
            if (!seen.add(current) || seen.size() > poolSize) {
                throw new ChainException("the transcoder pool does not end after its " + poolSize
                        + " members (at " + current + ")");
            }
            consider(current, minimumStake).ifPresent(found::add);
            current = bondingManager.nextTranscoderInPool(current);
        }
        LOG.debug("{} of {} pool members are active with stake ≥ {} and a service URI", found.size(), seen.size(),
                minimumStake);
        return List.copyOf(found);
    }

    private Optional<OnchainOrchestrator> consider(Address transcoder, BigInteger minimumStake) {
        if (!bondingManager.isActiveTranscoder(transcoder)) {
            return Optional.empty();
        }
        BigInteger stake = bondingManager.transcoderTotalStake(transcoder);
        if (stake.compareTo(minimumStake) < 0) {
            return Optional.empty();
        }
        String uri = serviceRegistry.serviceUri(transcoder).trim();
        if (uri.isEmpty()) {
            LOG.debug("active orchestrator {} has no service URI; skipped", transcoder);
            return Optional.empty();
        }
        return Optional.of(new OnchainOrchestrator(transcoder, uri, stake));
    }
}
