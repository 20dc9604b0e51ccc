package dev.streamflow.pm.cli;

import dev.streamflow.pm.chain.ChainException;
import dev.streamflow.pm.chain.EthClient;
import dev.streamflow.pm.chain.LivepeerContracts;
import dev.streamflow.pm.chain.LivepeerNetwork;
import dev.streamflow.pm.chain.SenderInfo;
import dev.streamflow.pm.chain.TicketBroker;
import dev.streamflow.pm.chain.TransactionSender;
import dev.streamflow.pm.chain.TxReceipt;
import dev.streamflow.pm.chain.TxSettings;
import dev.streamflow.pm.key.Address;
import dev.streamflow.pm.key.EthereumKey;
import dev.streamflow.pm.key.Keystore;
import dev.streamflow.pm.key.KeystoreException;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;

/** The wallet commands. Each checks first what the TicketBroker would refuse, so errors read plainly. */
final class WalletCommands {
    private static final Duration RPC_TIMEOUT = Duration.ofSeconds(30);

    private final WalletOptions options;
    private final PasswordSource passwords;
    private final PrintStream out;
    private final PrintStream err;
    /** Reads the scrypt parameters from each file; the write cost matters only for {@code create}. */
    private final Keystore reader = new Keystore(Keystore.ScryptParams.STANDARD);

    /** The node and the contracts behind it, for one command. */
    private record Chain(EthClient eth, LivepeerContracts contracts, Address account) {
        TicketBroker broker() {
            return contracts.ticketBroker();
        }

        long currentRound() {
            return contracts.roundsManager().currentRound();
        }
    }

    WalletCommands(WalletOptions options, PasswordSource passwords, PrintStream out, PrintStream err) {
        this.options = options;
        this.passwords = passwords;
        this.out = out;
        this.err = err;
    }

    void run() throws UsageException, KeystoreException, IOException {
        switch (options.command()) {
            case "create" -> create();
            case "address" -> out.println(reader.declaredAddress(options.keystore()));
            default -> onChain();
        }
    }

    private void create() throws UsageException, KeystoreException, IOException {
        Keystore writer = new Keystore(options.lightKdf() ? Keystore.ScryptParams.LIGHT : Keystore.ScryptParams.STANDARD);
        char[] password = passwords.fresh(options.keystore());
        try {
            EthereumKey key = EthereumKey.generate(new SecureRandom());
            writer.write(key, password, options.keystore());
            out.println("created " + options.keystore() + " for " + key.address());
            out.println("keep the keystore file and its password safe: together they control the funds");
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private void onChain() throws UsageException, KeystoreException, IOException {
        Address account = reader.declaredAddress(options.keystore());
        try (EthClient eth = EthClient.connect(options.ethUrl(), RPC_TIMEOUT)) {
            Chain chain = new Chain(eth, LivepeerContracts.resolve(eth, controller(eth)), account);
            switch (options.command()) {
                case "status" -> status(chain);
                case "deposit" -> fund(chain, false);
                case "reserve" -> fund(chain, true);
                case "unlock" -> unlock(chain);
                case "cancel-unlock" -> cancelUnlock(chain);
                case "withdraw" -> withdraw(chain);
                default -> throw new UsageException("unknown command " + options.command());
            }
        }
    }

    private Address controller(EthClient eth) throws UsageException {
        if (options.controller() != null) {
            return options.controller();
        }
        long chainId = eth.chainId();
        return LivepeerNetwork.byChainId(chainId).map(LivepeerNetwork::controller).orElseThrow(() ->
                new UsageException("chain id " + chainId + " has no known Livepeer Controller: pass --controller ADDR"));
    }

    private void status(Chain chain) {
        SenderInfo info = chain.broker().senderInfo(chain.account());
        long round = chain.currentRound();
        out.println("address       " + chain.account());
        out.println("chain         " + chain.contracts().chainId() + " via " + chain.eth().endpoint());
        out.println("controller    " + chain.contracts().controller().address());
        out.println("ETH balance   " + Amounts.eth(chain.eth().balance(chain.account())));
        out.println("deposit       " + Amounts.eth(info.deposit()));
        out.println("reserve       " + Amounts.eth(info.reserveFundsRemaining()) + " (claimed this round: "
                + Amounts.eth(info.reserveClaimedInCurrentRound()) + ")");
        out.println("unlock        " + unlockState(info, round));
        out.println("round         " + round + " (unlock period " + chain.broker().unlockPeriod() + " rounds)");
    }

    private static String unlockState(SenderInfo info, long round) {
        if (info.withdrawRound() == 0) {
            return "none (funds are locked and usable for tickets)";
        }
        if (round < info.withdrawRound()) {
            return "in progress: withdraw possible from round " + info.withdrawRound();
        }
        return "complete: withdraw possible now (since round " + info.withdrawRound() + ")";
    }

    private void fund(Chain chain, boolean reserve) throws UsageException, KeystoreException, IOException {
        String what = reserve ? "reserve" : "deposit";
        BigInteger amount = options.amount();
        BigInteger balance = chain.eth().balance(chain.account());
        if (balance.compareTo(amount) < 0) {
            throw new ChainException("insufficient funds: " + what + " of " + Amounts.eth(amount) + " but "
                    + chain.account() + " holds only " + Amounts.eth(balance));
        }
        TransactionSender sender = sender(chain);
        BigInteger maxGasFee = chain.broker().fundGasLimit(sender, reserve, amount).multiply(sender.gasPrice());
        if (balance.compareTo(amount.add(maxGasFee)) < 0) {
            throw new ChainException("insufficient funds: " + what + " of " + Amounts.eth(amount) + " plus up to "
                    + Amounts.eth(maxGasFee) + " gas, but " + chain.account() + " holds only " + Amounts.eth(balance));
        }
        if (chain.broker().isUnlockInProgress(chain.account())) {
            err.println("note: funding cancels the unlock in progress");
        }
        TxReceipt receipt = reserve ? chain.broker().fundReserve(sender, amount) : chain.broker().fundDeposit(sender, amount);
        SenderInfo info = chain.broker().senderInfo(chain.account());
        out.println("added " + Amounts.eth(amount) + " to the " + what + " (gas fee " + Amounts.eth(receipt.fee())
                + "); deposit " + Amounts.eth(info.deposit()) + ", reserve " + Amounts.eth(info.reserveFundsRemaining()));
    }

    private void unlock(Chain chain) throws UsageException, KeystoreException, IOException {
        SenderInfo info = requireFunds(chain, "unlock");
        if (info.withdrawRound() != 0) {
            throw new ChainException("an unlock is already in progress: withdraw possible from round "
                    + info.withdrawRound() + " (current round " + chain.currentRound() + ")");
        }
        TxReceipt receipt = chain.broker().unlock(sender(chain));
        TicketBroker.Unlock unlock = chain.broker().unlockEvents(receipt).get(0);
        out.println("unlock started in round " + unlock.startRound() + "; withdraw possible from round "
                + unlock.endRound() + " (gas fee " + Amounts.eth(receipt.fee()) + ")");
        out.println("orchestrators refuse tickets from a sender that is unlocking; 'wallet cancel-unlock' undoes it");
    }

    private void cancelUnlock(Chain chain) throws UsageException, KeystoreException, IOException {
        if (!chain.broker().isUnlockInProgress(chain.account())) {
            throw new ChainException("no unlock in progress for " + chain.account());
        }
        TxReceipt receipt = chain.broker().cancelUnlock(sender(chain));
        out.println("unlock cancelled; the deposit and reserve are locked and usable again (gas fee "
                + Amounts.eth(receipt.fee()) + ")");
    }

    private void withdraw(Chain chain) throws UsageException, KeystoreException, IOException {
        SenderInfo info = requireFunds(chain, "withdraw");
        long round = chain.currentRound();
        if (info.withdrawRound() == 0) {
            throw new ChainException("no unlock in progress: run 'wallet unlock' first, then wait "
                    + chain.broker().unlockPeriod() + " rounds");
        }
        if (round < info.withdrawRound()) {
            throw new ChainException("funds are locked until round " + info.withdrawRound() + " (current round " + round + ")");
        }
        TxReceipt receipt = chain.broker().withdraw(sender(chain));
        TicketBroker.Withdrawal w = chain.broker().withdrawalEvents(receipt).get(0);
        out.println("withdrew deposit " + Amounts.eth(w.deposit()) + " and reserve " + Amounts.eth(w.reserve())
                + " (gas fee " + Amounts.eth(receipt.fee()) + ")");
    }

    private SenderInfo requireFunds(Chain chain, String what) {
        SenderInfo info = chain.broker().senderInfo(chain.account());
        if (info.deposit().signum() == 0 && info.reserveFundsRemaining().signum() == 0) {
            throw new ChainException("nothing to " + what + ": the deposit and reserve of " + chain.account() + " are zero");
        }
        return info;
    }

    /** Unlocks the keystore only now, after the chain checks, so a wrong chain never asks for the password. */
    private TransactionSender sender(Chain chain) throws UsageException, KeystoreException, IOException {
        char[] password = passwords.existing(options.keystore());
        try {
            EthereumKey key = reader.unlock(options.keystore(), password);
            TxSettings settings = TxSettings.DEFAULT.withConfirmations(options.confirmations());
            return new TransactionSender(chain.eth(), key, chain.contracts().chainId(), settings, new ProgressLine(err));
        } finally {
            Arrays.fill(password, '\0');
        }
    }
}
