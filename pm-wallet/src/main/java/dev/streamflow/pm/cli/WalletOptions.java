package dev.streamflow.pm.cli;

import dev.streamflow.pm.key.Address;
import java.math.BigInteger;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The parsed command line of {@code wallet}. Optional values are null when not given. */
record WalletOptions(String command, BigInteger amount, String ethUrl, Address controller, Path keystore,
        Path passwordFile, int confirmations, boolean lightKdf) {

    static final String USAGE = """
            usage: wallet COMMAND [options]
              create                 write a new encrypted keystore (--keystore FILE)
              address                print the keystore's address
              status                 ETH balance, TicketBroker deposit, reserve and unlock state
              deposit AMOUNT         add AMOUNT to the TicketBroker deposit
              reserve AMOUNT         add AMOUNT to the TicketBroker reserve
              unlock                 start the unlock period (then withdraw)
              cancel-unlock          cancel an unlock in progress
              withdraw               withdraw deposit and reserve once unlocked
            options:
              --eth-url URL          Ethereum JSON-RPC endpoint (Arbitrum One for the Livepeer network)
              --controller ADDR      Livepeer Controller (default: the known one for the node's chain)
              --keystore FILE        V3 keystore file
              --password-file FILE   keystore password (first line); else $STREAMFLOW_KEYSTORE_PASSWORD; else a prompt
              --confirmations N      blocks to wait for after a transaction is mined (default 1)
              --lightkdf             create: cheap scrypt (n=4096) for throwaway keys; never for real funds
            AMOUNT: 0.5ETH, 0.5 (ETH), 2gwei or 1000000wei
            exit codes: 0 ok, 1 chain, transaction or keystore error, 2 usage error""";

    private static final Set<String> COMMANDS = Set.of("create", "address", "status", "deposit", "reserve", "unlock",
            "cancel-unlock", "withdraw");
    private static final Set<String> CHAIN_COMMANDS = Set.of("status", "deposit", "reserve", "unlock", "cancel-unlock",
            "withdraw");

    static WalletOptions parse(String[] args) throws UsageException {
        List<String> positional = new ArrayList<>();
        String ethUrl = null;
        String controller = null;
        String keystore = null;
        String passwordFile = null;
        String confirmations = "1";
        boolean lightKdf = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                positional.add(arg);
                continue;
            }
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (name.equals("--lightkdf")) {
                lightKdf = true;
                continue;
            }
            String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : (++i < args.length ? args[i] : null);
            if (value == null || value.isEmpty()) {
                throw new UsageException(name + " needs a value");
            }
            switch (name) {
                case "--eth-url" -> ethUrl = value;
                case "--controller" -> controller = value;
                case "--keystore" -> keystore = value;
                case "--password-file" -> passwordFile = value;
                case "--confirmations" -> confirmations = value;
                default -> throw new UsageException("unknown option " + name);
            }
        }
        return build(positional, ethUrl, controller, keystore, passwordFile, confirmations, lightKdf);
    }

    private static WalletOptions build(List<String> positional, String ethUrl, String controller, String keystore,
            String passwordFile, String confirmations, boolean lightKdf) throws UsageException {
        if (positional.isEmpty()) {
            throw new UsageException("no command given");
        }
        String command = positional.get(0);
        if (!COMMANDS.contains(command)) {
            throw new UsageException("unknown command '" + command + "'");
        }
        boolean takesAmount = command.equals("deposit") || command.equals("reserve");
        if (positional.size() != (takesAmount ? 2 : 1)) {
            throw new UsageException(takesAmount ? command + " needs exactly one AMOUNT" : command + " takes no arguments");
        }
        if (keystore == null) {
            throw new UsageException(command + " needs --keystore FILE");
        }
        if (CHAIN_COMMANDS.contains(command) && ethUrl == null) {
            throw new UsageException(command + " needs --eth-url URL");
        }
        return new WalletOptions(command, takesAmount ? Amounts.parseWei(positional.get(1)) : null, ethUrl,
                controller == null ? null : parseAddress(controller), Paths.get(keystore),
                passwordFile == null ? null : Paths.get(passwordFile), parseConfirmations(confirmations), lightKdf);
    }

    boolean needsChain() {
        return CHAIN_COMMANDS.contains(command);
    }

    private static Address parseAddress(String text) throws UsageException {
        try {
            return Address.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--controller: " + e.getMessage());
        }
    }

    private static int parseConfirmations(String text) throws UsageException {
        try {
            int n = Integer.parseInt(text);
            if (n >= 1 && n <= 1000) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException("--confirmations must be a whole number from 1 to 1000, got " + text);
    }
}
