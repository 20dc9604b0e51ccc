package dev.streamflow.pm.cli;

import dev.streamflow.pm.chain.ChainException;
import dev.streamflow.pm.key.KeystoreException;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;

/**
 * {@code wallet create | address | status | deposit AMOUNT | reserve AMOUNT | unlock | cancel-unlock | withdraw}
 * for a broadcaster's TicketBroker funds. Exit codes: 0 ok, 1 chain, transaction or keystore error, 2 usage.
 */
public final class WalletMain {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private final Map<String, String> env;
    private final PasswordSource.Prompt prompt;
    private final PrintStream out;
    private final PrintStream err;

    public WalletMain(Map<String, String> env, PrintStream out, PrintStream err) {
        this(env, PasswordSource.Prompt.console(), out, err);
    }

    WalletMain(Map<String, String> env, PasswordSource.Prompt prompt, PrintStream out, PrintStream err) {
        this.env = env;
        this.prompt = prompt;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new WalletMain(System.getenv(), System.out, System.err).run(args));
    }

    public int run(String... args) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            out.println(WalletOptions.USAGE);
            return args.length == 0 ? USAGE : OK;
        }
        try {
            WalletOptions options = WalletOptions.parse(args);
            PasswordSource passwords = new PasswordSource(options.passwordFile(), env, prompt);
            new WalletCommands(options, passwords, out, err).run();
            return OK;
        } catch (UsageException e) {
            err.println("wallet: " + e.getMessage());
            err.println("run 'wallet help' for the commands and options");
            return USAGE;
        } catch (KeystoreException | ChainException e) {
            err.println("wallet: " + e.getMessage());
            return FAILED;
        } catch (IOException e) {
            err.println("wallet: " + e);
            return FAILED;
        }
    }
}
