package dev.streamflow.core.discovery;

import dev.streamflow.pm.money.Fraction;
import dev.streamflow.protocol.net.OrchestratorInfo;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/**
 * One orchestrator's answer to GetOrchestrator, already checked by the client for what a segment needs (auth
 * token, a price with pixelsPerUnit &gt; 0, a transcoder URI).
 *
 * @param uri       the candidate address it was asked at
 * @param info      its offer: transcoder, price, capabilities, auth token, ticket parameters
 * @param roundTrip how long GetOrchestrator took, go-livepeer's discovery order
 * @param fetchedAt when it arrived
 */
public record Offer(URI uri, OrchestratorInfo info, Duration roundTrip, Instant fetchedAt) {
    /** Offers are asked again at least this often, so price, capacity and ticket parameters stay current. */
    public static final Duration MAX_AGE = Duration.ofMinutes(5);

    public Fraction pricePerPixel() {
        return Fraction.of(info.getPriceInfo().getPricePerUnit(), info.getPriceInfo().getPixelsPerUnit());
    }

    /**
     * When to ask again: before {@link #MAX_AGE}, and in the last tenth of the auth token's life, as go-livepeer's
     * {@code refreshSessionIfNeeded} does. Ticket parameters expire about 40 L1 blocks (8 minutes) after they
     * are made, and every result brings fresh ones, so {@link #MAX_AGE} keeps an idle offer's parameters valid.
     */
    public Instant refreshAt() {
        Instant byAge = fetchedAt.plus(MAX_AGE);
        long expiration = info.getAuthToken().getExpiration();
        if (expiration <= 0) {
            return byAge;
        }
        Instant expires = Instant.ofEpochSecond(expiration);
        Duration life = Duration.between(fetchedAt, expires);
        Instant beforeExpiry = life.isNegative() ? fetchedAt : expires.minus(life.dividedBy(10));
        return beforeExpiry.isBefore(byAge) ? beforeExpiry : byAge;
    }

    /** True while the auth token is still good for more than {@code margin}. */
    public boolean tokenValid(Instant now, Duration margin) {
        long expiration = info.getAuthToken().getExpiration();
        return expiration <= 0 || now.plus(margin).isBefore(Instant.ofEpochSecond(expiration));
    }

    public String sessionId() {
        return info.getAuthToken().getSessionId();
    }
}
