package dev.streamflow.pm.chain;

import dev.streamflow.pm.key.Address;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protocol contracts PM uses, resolved through the Controller as go-livepeer does
 * ({@code getContract(keccak256(name))}), after checking that the node serves the Controller's chain.
 */
public record LivepeerContracts(long chainId, Controller controller, TicketBroker ticketBroker,
        RoundsManager roundsManager, BondingManager bondingManager, ServiceRegistry serviceRegistry) {

    private static final Logger LOG = LoggerFactory.getLogger(LivepeerContracts.class);

    public static LivepeerContracts resolve(EthClient eth, Address controllerAddress) {
        long chainId = eth.chainId();
        requireControllerChain(eth, controllerAddress, chainId);
        Controller controller = new Controller(eth, controllerAddress);
        LivepeerContracts contracts = new LivepeerContracts(chainId, controller,
                new TicketBroker(eth, registered(controller, TicketBroker.NAME)),
                new RoundsManager(eth, registered(controller, RoundsManager.NAME)),
                new BondingManager(eth, registered(controller, BondingManager.NAME)),
                new ServiceRegistry(eth, registered(controller, ServiceRegistry.NAME)));
        LOG.info("Livepeer contracts on chain {} via {}: {}, {}, {}, {}", chainId, controllerAddress,
                contracts.ticketBroker(), contracts.roundsManager(), contracts.bondingManager(),
                contracts.serviceRegistry());
        return contracts;
    }

    private static void requireControllerChain(EthClient eth, Address controller, long chainId) {
        LivepeerNetwork.byController(controller).ifPresent(network -> {
            if (network.chainId() != chainId) {
                throw new WrongChainException("wrong chain: " + controller + " is the Livepeer " + network.displayName()
                        + " Controller (chain id " + network.chainId() + "), but " + eth.endpoint()
                        + " serves chain id " + chainId);
            }
        });
        if (!eth.hasCode(controller)) {
            throw new WrongChainException("wrong chain or controller: no contract at " + controller + " on chain id "
                    + chainId + " (" + eth.endpoint() + ")" + LivepeerNetwork.byChainId(chainId)
                            .map(n -> "; Livepeer's " + n.displayName() + " Controller is " + n.controller())
                            .orElse(""));
        }
    }

    private static Address registered(Controller controller, String name) {
        Address address;
        try {
            address = controller.contract(name);
        } catch (ContractRevertedException e) {
            throw new WrongChainException(controller.address() + " does not answer getContract: is it a Livepeer Controller?");
        }
        if (address.isZero()) {
            throw new WrongChainException("the Controller at " + controller.address() + " has no " + name
                    + " registered: is it a Livepeer Controller?");
        }
        return address;
    }
}
