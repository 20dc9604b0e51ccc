package dev.streamflow.sample.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/** {@code /assets/<name>}: the player's script and hls.js, served from the class path, never a CDN. */
final class AssetHandler implements HttpHandler {
    static final String PREFIX = "/assets/";
    static final String HLS_JS_MISSING = "hls.js is not in this build of the sample server. Run 'npm ci' in the "
            + "repository root, then rebuild the sample server (mvn -pl sample-server package).";
    private static final Map<String, String> SERVED = Map.of(
            "hls.min.js", "text/javascript; charset=utf-8",
            "player.js", "text/javascript; charset=utf-8",
            "player.css", "text/css; charset=utf-8");

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!Responses.allowReadOnly(exchange)) {
                return;
            }
            String name = exchange.getRequestURI().getRawPath().substring(PREFIX.length());
            String type = SERVED.get(name);
            Optional<byte[]> body = type == null ? Optional.empty() : Assets.read("assets/" + name);
            if (body.isEmpty()) {
                Responses.text(exchange, 404, name.equals("hls.min.js") ? HLS_JS_MISSING : "no asset " + name);
                return;
            }
            exchange.getResponseHeaders().set("Cache-Control", "public, max-age=3600");
            Responses.send(exchange, 200, type, body.get());
        }
    }
}
