package dev.streamflow.core.discovery;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real HTTP webhook on loopback answering go-livepeer's JSON shape, and the ways it can answer wrong. */
class WebhookOrchestratorsTest {
    private HttpServer server;
    private final AtomicReference<byte[]> body = new AtomicReference<>();
    private final AtomicReference<Integer> status = new AtomicReference<>(200);
    private final CountDownLatch never = new CountDownLatch(1);
    private URI uri;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/orchestrators", exchange -> {
            byte[] answer = body.get();
            if (answer == null) {
                try {
                    never.await(); // a webhook that never answers
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(status.get(), answer == null ? -1 : answer.length);
            exchange.getResponseBody().write(answer == null ? new byte[0] : answer);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/orchestrators");
    }

    @AfterEach
    void stop() {
        never.countDown();
        server.stop(0);
    }

    @Test
    void readsGoLivepeersShapeAndNormalisesAddresses() throws Exception {
        answer("[{\"address\":\"https://10.0.0.1:8935\",\"score\":1.0},{\"address\":\"10.0.0.2\",\"score\":0.5,\"extra\":{\"a\":[1]}},"
                + "{\"address\":\"ftp://bad\"},{\"score\":1}]");
        assertEquals(List.of(URI.create("https://10.0.0.1:8935"), URI.create("https://10.0.0.2:8935")), webhook(Duration.ZERO).candidates());
    }

    @Test
    void garbageOversizedAndErrorAnswersAreRefusedWithTheReason() {
        answer("<html>not json</html>");
        assertFailure("malformed JSON");
        answer("{\"address\":\"https://a:1\"}");
        assertFailure("is not a JSON array");
        answer("[{\"address\": 12}]");
        assertFailure("address is not a string");
        body.set(("[" + "{\"address\":\"https://a:1\"},".repeat(60_000) + "{}]").getBytes(StandardCharsets.UTF_8));
        assertFailure("larger than");
        answer("[]");
        status.set(500);
        assertFailure("HTTP 500");
    }

    @Test
    void aSlowWebhookTimesOutAndTheLastGoodListStays() throws Exception {
        answer("[{\"address\":\"https://10.0.0.1:8935\"}]");
        WebhookOrchestrators source = webhook(Duration.ZERO);
        assertEquals(1, source.candidates().size());
        body.set(null);
        long start = System.nanoTime();
        assertEquals(List.of(URI.create("https://10.0.0.1:8935")), source.candidates());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(2)) < 0, "bounded by the 300 ms timeout");
    }

    private void assertFailure(String reason) {
        DiscoveryException e = assertThrows(DiscoveryException.class, () -> webhook(Duration.ZERO).candidates());
        assertTrue(e.getMessage().contains(reason) && e.getMessage().contains(uri.toString()), e.getMessage());
    }

    private void answer(String json) {
        body.set(json.getBytes(StandardCharsets.UTF_8));
    }

    private WebhookOrchestrators webhook(Duration refresh) {
        Clock clock = Clock.systemUTC();
        return new WebhookOrchestrators(uri, HttpClient.newHttpClient(), Duration.ofMillis(300), refresh, clock);
    }
}
