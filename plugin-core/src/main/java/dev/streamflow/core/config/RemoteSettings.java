package dev.streamflow.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import dev.streamflow.core.discovery.OrchestratorUris;
import dev.streamflow.pm.money.Fraction;

import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where orchestrators come from and how segments are sent to them: the {@code orchestrators},
 * {@code orchestrator-webhook}, {@code max-price-per-pixel}, {@code discovery} and the remote part of
 * {@code transcode} in the {@code streamflow} tree.
 */
public record RemoteSettings(List<URI> orchestrators, Optional<URI> webhook, Optional<Fraction> maxPricePerPixel,
                             Duration firstAnswer, Duration discoveryCutoff, Duration discoveryRetry,
                             Duration webhookTimeout, Duration webhookRefresh,
                             int maxAttempts, Duration hedgeAfter, int redundancy,
                             Duration suspension, Duration maxSuspension) {

    private static final Pattern PRICE = Pattern.compile("\\s*(\\d{1,78})\\s*(?:/\\s*(\\d{1,78})\\s*)?");

    public RemoteSettings {
        orchestrators = List.copyOf(orchestrators);
        require(maxAttempts >= 1 && maxAttempts <= 10, "streamflow.transcode.max-attempts must be 1..10, was " + maxAttempts);
        require(redundancy >= 1 && redundancy <= maxAttempts,
                "streamflow.transcode.redundancy must be 1..max-attempts (" + maxAttempts + "), was " + redundancy);
        require(positive(firstAnswer) && discoveryCutoff.compareTo(firstAnswer) >= 0,
                "streamflow.discovery.first-answer must be positive and at most streamflow.discovery.cutoff");
        require(positive(discoveryRetry) && positive(webhookTimeout) && positive(webhookRefresh),
                "streamflow.discovery.retry, webhook-timeout and webhook-refresh must be positive");
        require(positive(hedgeAfter), "streamflow.transcode.hedge-after must be positive");
        require(positive(suspension) && maxSuspension.compareTo(suspension) >= 0,
                "streamflow.transcode.suspension must be positive and at most streamflow.transcode.max-suspension");
    }

    /** True when segments may go to orchestrators at all. */
    public boolean enabled() {
        return !orchestrators.isEmpty() || webhook.isPresent();
    }

    static RemoteSettings from(Config c) {
        try {
            return new RemoteSettings(
                    orchestrators(c),
                    webhook(c.getString("orchestrator-webhook")),
                    maxPrice(c.getString("max-price-per-pixel")),
                    c.getDuration("discovery.first-answer"),
                    c.getDuration("discovery.cutoff"),
                    c.getDuration("discovery.retry"),
                    c.getDuration("discovery.webhook-timeout"),
                    c.getDuration("discovery.webhook-refresh"),
                    c.getInt("transcode.max-attempts"),
                    c.getDuration("transcode.hedge-after"),
                    c.getInt("transcode.redundancy"),
                    c.getDuration("transcode.suspension"),
                    c.getDuration("transcode.max-suspension"));
        } catch (ConfigException e) {
            throw new IllegalArgumentException("bad Streamflow configuration: " + e.getMessage(), e);
        }
    }

    /** "1000/3" or "1200" wei per pixel, exactly; empty for no limit. */
    static Optional<Fraction> maxPrice(String text) {
        if (text.isBlank()) {
            return Optional.empty();
        }
        Matcher m = PRICE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("streamflow.max-price-per-pixel '" + text
                    + "' is not wei per pixel as a whole number (\"1200\") or an exact fraction (\"1000/3\")");
        }
        BigInteger denominator = m.group(2) == null ? BigInteger.ONE : new BigInteger(m.group(2));
        if (denominator.signum() == 0) {
            throw new IllegalArgumentException("streamflow.max-price-per-pixel '" + text + "' divides by zero");
        }
        return Optional.of(Fraction.of(new BigInteger(m.group(1)), denominator));
    }

    private static List<URI> orchestrators(Config c) {
        List<String> addresses = c.getStringList("orchestrators");
        List<URI> uris = new ArrayList<>();
        for (int i = 0; i < addresses.size(); i++) {
            try {
                URI uri = OrchestratorUris.parse(addresses.get(i));
                if (!uris.contains(uri)) {
                    uris.add(uri);
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("streamflow.orchestrators[" + i + "]: " + e.getMessage(), e);
            }
        }
        return uris;
    }

    private static Optional<URI> webhook(String text) {
        if (text.isBlank()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(text.strip());
            boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            require(http && uri.getHost() != null, "streamflow.orchestrator-webhook '" + text + "' is not an http(s) URL");
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("streamflow.orchestrator-webhook '" + text + "' does not parse: " + e.getReason(), e);
        }
    }

    private static boolean positive(Duration d) {
        return !d.isNegative() && !d.isZero();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
