package dev.streamflow.sample.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.streamflow.core.ingest.StreamKey;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

/** {@code /}: the streams being published right now, each with a link to its player. */
final class IndexHandler implements HttpHandler {
    private final Supplier<List<StreamKey>> activeStreams;
    private final String publishHint;

    IndexHandler(Supplier<List<StreamKey>> activeStreams, String publishHint) {
        this.activeStreams = activeStreams;
        this.publishHint = publishHint;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!Responses.allowReadOnly(exchange)) {
                return;
            }
            if (exchange.getRequestURI().getRawPath().equals("/favicon.ico")) {
                exchange.sendResponseHeaders(204, -1); // keeps browser consoles free of a 404
                return;
            }
            if (!exchange.getRequestURI().getRawPath().equals("/")) {
                Responses.text(exchange, 404, "nothing at " + exchange.getRequestURI().getRawPath()
                        + "; see / for the live streams, /player/<app>/<stream> for a player");
                return;
            }
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            Responses.send(exchange, 200, Responses.HTML, page().getBytes(StandardCharsets.UTF_8));
        }
    }

    private String page() {
        StringBuilder html = new StringBuilder("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Streamflow sample server</title><link rel=\"stylesheet\" href=\"/assets/player.css\"></head>"
                + "<body><h1>Streamflow sample server</h1>\n");
        List<StreamKey> streams = activeStreams.get();
        if (streams.isEmpty()) {
            html.append("<p>No stream is being published. ").append(Html.escape(publishHint)).append("</p>\n");
        } else {
            html.append("<ul id=\"streams\">\n");
            for (StreamKey key : streams) {
                String name = Html.escape(key.toString());
                html.append("<li><a href=\"/player/").append(name).append("\">").append(name).append("</a></li>\n");
            }
            html.append("</ul>\n");
        }
        return html.append("</body></html>\n").toString();
    }
}
