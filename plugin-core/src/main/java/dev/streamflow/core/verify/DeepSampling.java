package dev.streamflow.core.verify;

import java.util.Random;

/**
 * Which results get the deep checks: always the first from an orchestrator not seen before, otherwise one in
 * {@code deepCheckOneIn}, drawn from a {@link java.security.SecureRandom} so that an orchestrator cannot predict
 * which of its segments are examined.
 */
public final class DeepSampling {
    private final Random random;

    public DeepSampling(Random random) {
        this.random = random;
    }

    public boolean sample(VerificationInput input) {
        if (input.deepCheckOneIn() == 0) {
            return false;
        }
        return input.firstFromOrchestrator() || input.deepCheckOneIn() == 1 || draw(input.deepCheckOneIn());
    }

    private boolean draw(int oneIn) {
        synchronized (random) {
            return random.nextInt(oneIn) == 0;
        }
    }
}
