package dev.streamflow.pm.cli;

import dev.streamflow.pm.chain.TxProgress;
import dev.streamflow.pm.chain.TxStatus;
import java.io.PrintStream;

/** One line on the terminal, rewritten in place while a transaction waits for its confirmations. */
final class ProgressLine implements TxProgress {
    private final PrintStream out;

    ProgressLine(PrintStream out) {
        this.out = out;
    }

    @Override
    public void update(TxStatus s) {
        long seconds = s.elapsed().toSeconds();
        switch (s.stage()) {
            case SUBMITTED -> out.print("\r" + s.description() + ": sent tx " + s.txHash());
            case PENDING -> out.print("\r" + s.description() + ": waiting for tx " + s.txHash() + " to be mined ("
                    + seconds + " s)");
            case CONFIRMING -> out.print("\r" + s.description() + ": " + s.confirmations() + "/"
                    + s.requiredConfirmations() + " confirmations (" + seconds + " s)        ");
            case CONFIRMED -> out.println("\r" + s.description() + ": confirmed tx " + s.txHash() + " ("
                    + s.requiredConfirmations() + " confirmation" + (s.requiredConfirmations() == 1 ? "" : "s")
                    + ", " + seconds + " s)        ");
        }
        out.flush();
    }
}
