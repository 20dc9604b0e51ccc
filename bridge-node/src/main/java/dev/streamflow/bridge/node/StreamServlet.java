package dev.streamflow.bridge.node;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/** {@code GET /stream/...}: the renditions named in TranscodeResults, while the store keeps them. */
final class StreamServlet extends HttpServlet {
    static final String PREFIX = "/stream";

    private final RenditionStore store;
    private final Duration ttl;

    StreamServlet(RenditionStore store, Duration ttl) {
        this.store = store;
        this.ttl = ttl;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = PREFIX + (request.getPathInfo() == null ? "" : request.getPathInfo());
        Optional<byte[]> rendition = store.get(path);
        if (rendition.isEmpty()) {
            SegmentServlet.sendText(response, 404, "no rendition at " + path + " (renditions are kept " + ttl.toSeconds() + " s)");
            return;
        }
        response.setStatus(200);
        response.setContentType("video/mp2t");
        response.setContentLength(rendition.get().length);
        response.getOutputStream().write(rendition.get());
    }
}
