package dev.streamflow.bridge.node;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;

/**
 * The node's self-signed TLS certificate, made as go-livepeer makes its own (ECDSA P-256, CA, server auth,
 * valid 8765 h, the service host as subject alternative name) but kept in {@code <data>/cert.pem} and
 * {@code <data>/key.pem} (mode 600) and reused on restart; a new one is made when it has under a day left.
 * Broadcasters do not check it (go-livepeer skips verification), so it only provides encryption.
 * Made with the JDK's own providers through Bouncy Castle's builders: no JVM-global provider is installed.
 */
record NodeCertificate(X509Certificate certificate, PrivateKey privateKey) {
    static final String CERT_FILE = "cert.pem";
    static final String KEY_FILE = "key.pem";
    private static final Logger log = LoggerFactory.getLogger(NodeCertificate.class);
    private static final Duration VALIDITY = Duration.ofHours(8765);
    private static final Duration RENEW_BEFORE = Duration.ofDays(1);

    static NodeCertificate loadOrCreate(Path dataDir, String host, SecureRandom random) throws IOException {
        Path certFile = dataDir.resolve(CERT_FILE);
        Path keyFile = dataDir.resolve(KEY_FILE);
        if (Files.exists(certFile) && Files.exists(keyFile)) {
            NodeCertificate existing = load(certFile, keyFile);
            if (existing.certificate.getNotAfter().toInstant().isAfter(Instant.now().plus(RENEW_BEFORE))) {
                return existing;
            }
            log.info("TLS certificate in {} expires {}; making a new one", certFile, existing.certificate.getNotAfter());
        }
        NodeCertificate made = create(host, random);
        DataFiles.writeSecret(keyFile, pem(new JcaPKCS8Generator(made.privateKey, null)));
        DataFiles.writePublic(certFile, pem(made.certificate));
        log.info("made a self-signed TLS certificate for {} in {} (SHA-256 {})", host, certFile, made.fingerprint());
        return made;
    }

    /** Hex SHA-256 of the DER certificate. */
    String fingerprint() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot fingerprint the certificate", e);
        }
    }

    /** An in-memory PKCS#12 store for Jetty. */
    KeyStore keyStore(char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("bridge", privateKey, password, new Certificate[]{certificate});
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot hold the TLS key in a key store: " + e.getMessage(), e);
        }
    }

    private static NodeCertificate create(String host, SecureRandom random) throws IOException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair pair = generator.generateKeyPair();
            X500Name subject = new X500Name("O=Streamflow bridge,CN=" + host.replaceAll("[,=+<>#;\"\\\\]", "_"));
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(127, random),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)), subject, pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(subjectName(host)));
            X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
            return new NodeCertificate(new JcaX509CertificateConverter().getCertificate(holder), pair.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot make a TLS certificate: " + e.getMessage(), e);
        }
    }

    private static GeneralName subjectName(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        boolean ip = bare.matches("[0-9.]+") || bare.contains(":");
        return new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, bare);
    }

    private static NodeCertificate load(Path certFile, Path keyFile) throws IOException {
        DataFiles.checkOwnerOnly(keyFile);
        Object cert = readPem(certFile);
        Object key = readPem(keyFile);
        if (!(cert instanceof X509CertificateHolder holder) || !(key instanceof PrivateKeyInfo info)) {
            throw new IOException(certFile + " and " + keyFile + " must hold a PEM certificate and a PKCS#8 private key");
        }
        try {
            return new NodeCertificate(new JcaX509CertificateConverter().getCertificate(holder), new JcaPEMKeyConverter().getPrivateKey(info));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the TLS certificate in " + certFile + ": " + e.getMessage(), e);
        }
    }

    private static Object readPem(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(reader)) {
            return parser.readObject();
        }
    }

    private static byte[] pem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
