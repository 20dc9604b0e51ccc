package dev.streamflow.sample.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.streamflow.core.ingest.StreamKey;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** {@code /player/<app>/<stream>}: a page that plays the stream's HLS with the locally served hls.js. */
final class PlayerHandler implements HttpHandler {
    static final String PREFIX = "/player/";

    private final String template = new String(Assets.read("player.html").orElseThrow(
            () -> new IllegalStateException("player.html is missing from the sample server jar")), StandardCharsets.UTF_8);
    private final boolean hlsJsBundled;

    /** {@code hlsJsBundled}: whether this build carries hls.js (it is copied from node_modules at build time). */
    PlayerHandler(boolean hlsJsBundled) {
        this.hlsJsBundled = hlsJsBundled;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!Responses.allowReadOnly(exchange)) {
                return;
            }
            List<String> segments = SafePaths.segmentsAfter(exchange.getRequestURI().getRawPath(), PREFIX);
            if (segments.size() != 2) {
                Responses.text(exchange, 400, "a player URL is /player/<app>/<stream>, e.g. /player/live/demo");
                return;
            }
            StreamKey key;
            try {
                key = new StreamKey(segments.get(0), segments.get(1));
            } catch (IllegalArgumentException e) {
                Responses.text(exchange, 400, e.getMessage());
                return;
            }
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            Responses.send(exchange, 200, Responses.HTML, page(key).getBytes(StandardCharsets.UTF_8));
        }
    }

    String page(StreamKey key) {
        String master = HlsFileHandler.PREFIX + key.app() + "/" + key.stream() + "/master.m3u8";
        return template
                .replace("{{stream}}", Html.escape(key.toString()))
                .replace("{{master}}", Html.escape(master))
                .replace("{{hlsjs}}", hlsJsBundled
                        ? "<script src=\"/assets/hls.min.js\"></script>"
                        : "<p class=\"error\" id=\"missing-hlsjs\">" + Html.escape(AssetHandler.HLS_JS_MISSING) + "</p>");
    }
}
