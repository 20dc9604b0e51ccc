package dev.streamflow.core.discovery;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * go-livepeer's {@code -orchWebhookUrl} (reference §6.1): GET the URL, expect 2xx and
 * {@code [{"address": "https://host:port", "score": 1.0}, ...]}. The list is fetched at most once per
 * {@code refresh}; when a fetch fails the last good list stays in use and the failure is logged once until a fetch
 * works again. The answer is untrusted: the whole exchange has a deadline, the body a size limit, the JSON a
 * nesting limit, and the list a length limit. Entries whose address is unusable are skipped and named in the log.
 */
public final class WebhookOrchestrators implements OrchestratorSource {
    public static final int MAX_BODY_BYTES = 1 << 20;
    public static final int MAX_ENTRIES = 1000;
    private static final Logger log = LoggerFactory.getLogger(WebhookOrchestrators.class);
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8).maxStringLength(4096).build())
            .build();

    private final URI webhook;
    private final HttpClient http;
    private final Duration timeout;
    private final Duration refresh;
    private final Clock clock;
    private List<URI> cached;
    private Instant fetchedAt;
    private boolean failing;

    public WebhookOrchestrators(URI webhook, HttpClient http, Duration timeout, Duration refresh, Clock clock) {
        this.webhook = webhook;
        this.http = http;
        this.timeout = timeout;
        this.refresh = refresh;
        this.clock = clock;
    }

    @Override
    public synchronized List<URI> candidates() throws DiscoveryException {
        Instant now = clock.instant();
        if (fetchedAt != null && now.isBefore(fetchedAt.plus(refresh))) {
            return cached == null ? List.of() : cached;
        }
        fetchedAt = now;
        try {
            cached = fetch();
            if (failing) {
                log.info("orchestrator webhook {} answers again: {} orchestrators", webhook, cached.size());
                failing = false;
            }
            return cached;
        } catch (DiscoveryException e) {
            if (cached == null) {
                throw e;
            }
            if (!failing) {
                log.warn("{}; keeping the last list of {} orchestrators", e.getMessage(), cached.size());
                failing = true;
            }
            return cached;
        }
    }

    @Override
    public String describe() {
        return "the webhook " + webhook;
    }

    private List<URI> fetch() throws DiscoveryException {
        HttpRequest request = HttpRequest.newBuilder(webhook).timeout(timeout).header("Accept", "application/json").GET().build();
        HttpResponse<byte[]> response;
        try {
            response = http.sendAsync(request, info -> new LimitedBody(MAX_BODY_BYTES))
                    .get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new DiscoveryException("orchestrator webhook " + webhook + " did not answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw new DiscoveryException("orchestrator webhook " + webhook + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DiscoveryException("interrupted while asking the orchestrator webhook " + webhook);
        }
        if (response.statusCode() / 100 != 2) {
            throw new DiscoveryException("orchestrator webhook " + webhook + " answered HTTP " + response.statusCode());
        }
        return parse(response.body());
    }

    /** The addresses of a webhook answer; a body that is not the expected JSON shape is refused whole. */
    List<URI> parse(byte[] body) throws DiscoveryException {
        List<URI> uris = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(body)) {
            expect(parser.nextToken() == JsonToken.START_ARRAY, "is not a JSON array");
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.START_OBJECT) {
                expect(uris.size() + skipped.size() < MAX_ENTRIES, "lists more than " + MAX_ENTRIES + " orchestrators");
                String address = address(parser);
                try {
                    URI uri = OrchestratorUris.parse(address);
                    if (!uris.contains(uri)) {
                        uris.add(uri);
                    }
                } catch (IllegalArgumentException e) {
                    skipped.add(e.getMessage());
                }
            }
            expect(token == JsonToken.END_ARRAY, "has something other than objects in its array");
            expect(parser.nextToken() == null, "has data after the array");
        } catch (IOException e) {
            throw new DiscoveryException("orchestrator webhook " + webhook + " answered malformed JSON: " + e.getMessage(), e);
        }
        if (!skipped.isEmpty()) {
            log.warn("orchestrator webhook {}: {} entries skipped, e.g. {}", webhook, skipped.size(), skipped.get(0));
        }
        return List.copyOf(uris);
    }

    /** Reads one entry object and returns its "address" (null if absent); other fields are skipped. */
    private String address(JsonParser parser) throws IOException, DiscoveryException {
        String address = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("address".equals(field)) {
                expect(value == JsonToken.VALUE_STRING, "has an entry whose address is not a string");
                address = parser.getText();
            } else {
                parser.skipChildren();
            }
        }
        return address;
    }

    private void expect(boolean condition, String problem) throws DiscoveryException {
        if (!condition) {
            throw new DiscoveryException("orchestrator webhook " + webhook + " answer " + problem
                    + " (expected [{\"address\": \"https://host:port\", \"score\": 1.0}, ...])");
        }
    }
}
