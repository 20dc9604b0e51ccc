package dev.streamflow.sample.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/**
 * Serves the HLS trees under {@code /hls/<app>/<stream>/...}: playlists uncached (and gzipped when the
 * client accepts it), segments cacheable for a long time, CORS open to every origin.
 */
final class HlsFileHandler implements HttpHandler {
    static final String PREFIX = "/hls/";
    private static final String SEGMENT_CACHE = "public, max-age=86400";

    private final Path root;

    HlsFileHandler(Path root) {
        this.root = root;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
            if (exchange.getRequestMethod().equals("OPTIONS")) {
                preflight(exchange);
                return;
            }
            if (!Responses.allowReadOnly(exchange)) {
                return;
            }
            serve(exchange);
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        String rawPath = exchange.getRequestURI().getRawPath();
        Optional<Path> file = SafePaths.resolve(root, SafePaths.segmentsAfter(rawPath, PREFIX));
        if (file.isEmpty()) {
            Responses.text(exchange, 400, "bad HLS path '" + rawPath + "': expected /hls/<app>/<stream>/<file> with plain names");
            return;
        }
        Optional<String> type = MediaTypes.of(file.get().getFileName().toString());
        if (type.isEmpty() || !Files.isRegularFile(file.get())) {
            Responses.text(exchange, 404, "no HLS file at " + rawPath);
            return;
        }
        try {
            if (MediaTypes.isPlaylist(type.get())) {
                sendPlaylist(exchange, Files.readAllBytes(file.get()));
            } else {
                sendSegment(exchange, file.get(), type.get());
            }
        } catch (NoSuchFileException e) {
            // the live window slid past this segment between the check and the read
            Responses.text(exchange, 404, "no HLS file at " + rawPath);
        }
    }

    private static void sendPlaylist(HttpExchange exchange, byte[] playlist) throws IOException {
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.getResponseHeaders().set("Vary", "Accept-Encoding");
        if (acceptsGzip(exchange)) {
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
            Responses.send(exchange, 200, MediaTypes.PLAYLIST, gzip(playlist));
        } else {
            Responses.send(exchange, 200, MediaTypes.PLAYLIST, playlist);
        }
    }

    private static void sendSegment(HttpExchange exchange, Path file, String type) throws IOException {
        long size = Files.size(file);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", SEGMENT_CACHE);
        if (Responses.isHead(exchange)) {
            exchange.getResponseHeaders().set("Content-Length", Long.toString(size));
            exchange.sendResponseHeaders(200, -1);
            return;
        }
        try (var in = Files.newInputStream(file)) {
            exchange.sendResponseHeaders(200, size == 0 ? -1 : size);
            try (OutputStream out = exchange.getResponseBody()) {
                in.transferTo(out);
            }
        }
    }

    private static void preflight(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS");
        exchange.getResponseHeaders().set("Access-Control-Allow-Headers", "Range");
        exchange.getResponseHeaders().set("Access-Control-Max-Age", "86400");
        exchange.sendResponseHeaders(204, -1);
    }

    private static boolean acceptsGzip(HttpExchange exchange) {
        return exchange.getRequestHeaders().getOrDefault("Accept-Encoding", java.util.List.of()).stream()
                .flatMap(v -> java.util.Arrays.stream(v.split(",")))
                .map(String::trim)
                .anyMatch(coding -> coding.equals("gzip") || (coding.startsWith("gzip;") && !coding.matches("gzip;\\s*q=0(\\.0*)?")));
    }

    private static byte[] gzip(byte[] data) throws IOException {
        var bytes = new ByteArrayOutputStream(data.length / 3 + 64);
        try (var out = new GZIPOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }
}
