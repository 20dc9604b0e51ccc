package dev.streamflow.protocol.client;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;

/**
 * TLS that accepts any certificate for any host name. This is what go-livepeer's broadcaster does
 * ({@code InsecureSkipVerify}, reference §0): orchestrators make a fresh self-signed certificate, usually for
 * a name other than the one they are reached by, so there is no chain or name to check. TLS here buys
 * confidentiality on the path, not the orchestrator's identity; what an orchestrator returns is checked by
 * its result signature and by verification instead.
 *
 * <p>The trust manager is an {@link X509ExtendedTrustManager}: given a plain {@code X509TrustManager} the JDK
 * HttpClient still checks the host name (implementation-notes §3). Nothing JVM-global is changed.
 */
final class TrustAllTls {

    private TrustAllTls() {
    }

    static SSLContext context() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[]{new AcceptAll()}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no TLS: " + e.getMessage(), e);
        }
    }

    private static final class AcceptAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
