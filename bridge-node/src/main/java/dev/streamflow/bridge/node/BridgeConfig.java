package dev.streamflow.bridge.node;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How a bridge node runs.
 *
 * @param bindAddress      the interface to listen on
 * @param port             0 picks a free port
 * @param dataDir          where the node's Ethereum key and TLS certificate live
 * @param cleartext        serve h2c and HTTP/1.1 instead of TLS
 * @param pricePerUnit     wei per {@code pixelsPerUnit} pixels
 * @param pixelsPerUnit    pixels covered by {@code pricePerUnit}; at least 1
 * @param maxSessions      transcoding sessions served at once
 * @param serviceUri       the transcoder URI advertised; empty means this node's own scheme://127.0.0.1:port
 * @param echo             return the source segment as every rendition, without transcoding (benchmarks only)
 * @param limits           bounds on what a broadcaster may make the node hold
 */
public record BridgeConfig(String bindAddress, int port, Path dataDir, boolean cleartext, long pricePerUnit,
                           long pixelsPerUnit, int maxSessions, Optional<URI> serviceUri, boolean echo, Limits limits) {
    public static final int DEFAULT_PORT = 8935;

    public BridgeConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 0..65535");
        }
        if (pricePerUnit < 0) {
            throw new IllegalArgumentException("price per unit " + pricePerUnit + " is negative");
        }
        if (pixelsPerUnit < 1) {
            throw new IllegalArgumentException("pixels per unit " + pixelsPerUnit + " must be at least 1");
        }
        if (maxSessions < 1) {
            throw new IllegalArgumentException("max sessions " + maxSessions + " must be at least 1");
        }
        if (dataDir == null) {
            throw new IllegalArgumentException("no data directory");
        }
        serviceUri.ifPresent(BridgeConfig::checkServiceUri);
    }

    /** All interfaces, port 8935, TLS, free of charge, 10 sessions, real transcoding. */
    public static BridgeConfig defaults(Path dataDir) {
        return new BridgeConfig("0.0.0.0", DEFAULT_PORT, dataDir, false, 0, 1, 10, Optional.empty(), false, Limits.defaults());
    }

    public BridgeConfig withPort(int newPort) {
        return new BridgeConfig(bindAddress, newPort, dataDir, cleartext, pricePerUnit, pixelsPerUnit, maxSessions, serviceUri, echo, limits);
    }

    public BridgeConfig withBindAddress(String address) {
        return new BridgeConfig(address, port, dataDir, cleartext, pricePerUnit, pixelsPerUnit, maxSessions, serviceUri, echo, limits);
    }

    public BridgeConfig withCleartext(boolean newCleartext) {
        return new BridgeConfig(bindAddress, port, dataDir, newCleartext, pricePerUnit, pixelsPerUnit, maxSessions, serviceUri, echo, limits);
    }

    public BridgeConfig withPrice(long newPricePerUnit, long newPixelsPerUnit) {
        return new BridgeConfig(bindAddress, port, dataDir, cleartext, newPricePerUnit, newPixelsPerUnit, maxSessions, serviceUri, echo, limits);
    }

    public BridgeConfig withMaxSessions(int newMaxSessions) {
        return new BridgeConfig(bindAddress, port, dataDir, cleartext, pricePerUnit, pixelsPerUnit, newMaxSessions, serviceUri, echo, limits);
    }

    public BridgeConfig withServiceUri(URI uri) {
        return new BridgeConfig(bindAddress, port, dataDir, cleartext, pricePerUnit, pixelsPerUnit, maxSessions, Optional.of(uri), echo, limits);
    }

    public BridgeConfig withEcho(boolean newEcho) {
        return new BridgeConfig(bindAddress, port, dataDir, cleartext, pricePerUnit, pixelsPerUnit, maxSessions, serviceUri, newEcho, limits);
    }

    public BridgeConfig withLimits(Limits newLimits) {
        return new BridgeConfig(bindAddress, port, dataDir, cleartext, pricePerUnit, pixelsPerUnit, maxSessions, serviceUri, echo, newLimits);
    }

    private static void checkServiceUri(URI uri) {
        boolean http = "https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme());
        if (!http || uri.getHost() == null || (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/"))) {
            throw new IllegalArgumentException("service URI " + uri + " must be http(s)://host[:port] without a path");
        }
    }

    /**
     * @param maxSegmentBytes     largest segment body accepted
     * @param bodyReadTimeout     time allowed to receive one segment body
     * @param maxProfiles         most renditions per segment
     * @param renditionTtl        how long a rendition URL serves its bytes
     * @param maxStoredBytes      most rendition bytes held at once (oldest go first)
     * @param idleTimeout         how long a connection or stream may sit idle
     */
    public record Limits(long maxSegmentBytes, Duration bodyReadTimeout, int maxProfiles, Duration renditionTtl,
                         long maxStoredBytes, Duration idleTimeout) {

        public Limits {
            if (maxSegmentBytes < 188 || maxProfiles < 1 || maxStoredBytes < maxSegmentBytes) {
                throw new IllegalArgumentException("limits too small: segment " + maxSegmentBytes + " B, profiles " + maxProfiles
                        + ", store " + maxStoredBytes + " B");
            }
            if (bodyReadTimeout.isNegative() || bodyReadTimeout.isZero() || renditionTtl.isNegative() || renditionTtl.isZero()
                    || idleTimeout.isNegative() || idleTimeout.isZero()) {
                throw new IllegalArgumentException("timeouts must be positive");
            }
        }

        /** 64 MiB segments read within 20 s, 8 renditions, 60 s rendition URLs, 1 GiB held, 60 s idle. */
        public static Limits defaults() {
            return new Limits(64L << 20, Duration.ofSeconds(20), 8, Duration.ofSeconds(60), 1L << 30, Duration.ofSeconds(60));
        }

        public Limits withRenditionTtl(Duration ttl) {
            return new Limits(maxSegmentBytes, bodyReadTimeout, maxProfiles, ttl, maxStoredBytes, idleTimeout);
        }

        public Limits withMaxSegmentBytes(long bytes) {
            return new Limits(bytes, bodyReadTimeout, maxProfiles, renditionTtl, Math.max(maxStoredBytes, bytes), idleTimeout);
        }

        public Limits withBodyReadTimeout(Duration timeout) {
            return new Limits(maxSegmentBytes, timeout, maxProfiles, renditionTtl, maxStoredBytes, idleTimeout);
        }
    }
}
