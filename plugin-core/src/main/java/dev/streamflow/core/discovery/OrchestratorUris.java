package dev.streamflow.core.discovery;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Orchestrator addresses as go-livepeer reads them ({@code parseOrchAddrs}): {@code host}, {@code host:port} or a
 * full {@code http(s)://host[:port]}; the scheme defaults to https and the port to 8935. Anything else (a path,
 * a query, credentials, another scheme) is refused with a message naming the address.
 */
public final class OrchestratorUris {
    public static final int DEFAULT_PORT = 8935;
    private static final int MAX_LENGTH = 2048;

    private OrchestratorUris() {
    }

    public static URI parse(String address) {
        if (address == null || address.isBlank() || address.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("orchestrator address '" + abbreviate(address) + "' is empty or too long");
        }
        String text = address.strip();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        if (!text.contains("://")) {
            text = "https://" + text;
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("orchestrator address '" + abbreviate(address) + "' does not parse: " + e.getReason(), e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException("orchestrator address '" + abbreviate(address) + "' must be http or https");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || !uri.getRawPath().isEmpty()
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("orchestrator address '" + abbreviate(address)
                    + "' must be just scheme://host[:port], without credentials, path or query");
        }
        int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
        try {
            return new URI(scheme, null, uri.getHost(), port, null, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("orchestrator address '" + abbreviate(address) + "': " + e.getReason(), e);
        }
    }

    static String abbreviate(String text) {
        if (text == null) {
            return "null";
        }
        return text.length() <= 120 ? text : text.substring(0, 120) + "…";
    }
}
