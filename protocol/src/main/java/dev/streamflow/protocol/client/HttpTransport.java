package dev.streamflow.protocol.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * The HTTP clients for {@code /segment} and rendition downloads, shared by every orchestrator (each JDK
 * client owns a selector thread). {@code https} URIs get HTTP/2 over trust-all TLS (see {@link TrustAllTls})
 * with HTTP/1.1 fallback; {@code http} URIs get HTTP/1.1, because the JDK client never sends prior-knowledge
 * h2c and go-livepeer's h2c listener accepts HTTP/1.1.
 */
public final class HttpTransport {
    /** go-livepeer's {@code HTTPDialTimeout}. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private final HttpClient tls;
    private final HttpClient cleartext;

    public HttpTransport(Duration connectTimeout) {
        this.tls = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(TrustAllTls.context())
                .connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.cleartext = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public static HttpTransport create() {
        return new HttpTransport(DEFAULT_CONNECT_TIMEOUT);
    }

    HttpClient clientFor(URI uri) {
        return "https".equalsIgnoreCase(uri.getScheme()) ? tls : cleartext;
    }
}
