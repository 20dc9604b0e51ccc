package dev.streamflow.protocol.client;

import dev.streamflow.protocol.net.OrchestratorInfo;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/** The minimum an OrchestratorInfo must have before a segment can be sent with it (reference §2.3). */
public final class OrchestratorInfoCheck {

    private OrchestratorInfoCheck() {
    }

    public static Optional<String> problem(OrchestratorInfo info) {
        if (!info.hasAuthToken() || info.getAuthToken().getSessionId().isEmpty()) {
            return Optional.of("it has no auth token");
        }
        if (!info.hasPriceInfo() || info.getPriceInfo().getPixelsPerUnit() <= 0 || info.getPriceInfo().getPricePerUnit() < 0) {
            return Optional.of("its price is missing or invalid (pixelsPerUnit must be > 0, pricePerUnit >= 0)");
        }
        if (!info.getAddress().isEmpty() && info.getAddress().size() != 20) {
            return Optional.of("its address has " + info.getAddress().size() + " bytes, not 20");
        }
        try {
            transcoderUri(info);
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        return Optional.empty();
    }

    /** The transcoder URI without a trailing slash, so that {@code + "/segment"} is one path. */
    public static URI transcoderUri(OrchestratorInfo info) {
        String text = info.getTranscoder();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        try {
            URI uri = new URI(text);
            if (!("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("its transcoder URI '" + info.getTranscoder() + "' is not an absolute http(s) URI");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("its transcoder URI '" + info.getTranscoder() + "' does not parse: " + e.getMessage(), e);
        }
    }
}
