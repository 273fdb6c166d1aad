package org.chancery.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The broker's certificates carry a mutual TLS handshake as the outside listener runs it. */
class BrokerCertificatesTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "localhost"})
    void aReaderAndTheBrokerKnowEachOtherThroughTheMachinesAuthority(String host, @TempDir Path home)
            throws Exception {
        BrokerCertificates tls = BrokerCertificates.in(home);
        SSLContext broker = context(store(tls.broker(), tls), store(tls.truststore(), tls), tls);
        SSLContext reader = context(store(tls.reader(), tls), caOnly(tls.ca()), tls);

        assertEquals("CN=reader", handshake(broker, reader, host).get(30, TimeUnit.SECONDS));
    }

    @Test
    void aClientTheAuthorityDidNotSignIsRefused(@TempDir Path home, @TempDir Path elsewhere) throws Exception {
        BrokerCertificates tls = BrokerCertificates.in(home);
        BrokerCertificates stranger = BrokerCertificates.in(elsewhere);
        SSLContext broker = context(store(tls.broker(), tls), store(tls.truststore(), tls), tls);
        SSLContext outsider = context(store(stranger.reader(), stranger), caOnly(tls.ca()), stranger);

        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> handshake(broker, outsider, "127.0.0.1").get(30, TimeUnit.SECONDS));
        assertInstanceOf(SSLHandshakeException.class, refused.getCause(), refused.toString());
    }

    @Test
    void madeAgainWholeWhenOneIsMissing(@TempDir Path home) throws Exception {
        BrokerCertificates first = BrokerCertificates.in(home);
        byte[] reader = Files.readAllBytes(first.reader());
        Files.delete(first.broker());

        BrokerCertificates again = BrokerCertificates.in(home);

        assertTrue(Files.exists(again.broker()));
        assertFalse(java.util.Arrays.equals(reader, Files.readAllBytes(again.reader())), "the reader's store made anew");
    }

    @Test
    void madeOnceAndReadableByTheirOwnerOnly(@TempDir Path home) throws Exception {
        BrokerCertificates first = BrokerCertificates.in(home);
        byte[] reader = Files.readAllBytes(first.reader());
        BrokerCertificates again = BrokerCertificates.in(home);

        assertArrayEquals(reader, Files.readAllBytes(again.reader()));
        for (Path file : new Path[] {again.ca(), again.broker(), again.truststore(), again.reader()}) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), file.toString());
        }
    }

    /**
     * Handshakes as the broker's listener does (the client's certificate required) and gives the
     * server's verdict: the name of the client's certificate, or why the server refused it. The
     * client checks the server's certificate against {@code host}, as Kafka's clients do.
     */
    private static CompletableFuture<String> handshake(SSLContext server, SSLContext client, String host)
            throws Exception {
        try (SSLServerSocket listener = (SSLServerSocket) server.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setNeedClientAuth(true);
            listener.setSoTimeout(10_000);
            CompletableFuture<String> verdict = new CompletableFuture<>();
            Thread serving = Thread.ofPlatform().start(() -> {
                try (SSLSocket accepted = (SSLSocket) listener.accept()) {
                    accepted.setSoTimeout(10_000);
                    accepted.startHandshake();
                    verdict.complete(accepted.getSession().getPeerPrincipal().getName());
                } catch (Exception e) {
                    verdict.completeExceptionally(e);
                }
            });
            try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket(host, listener.getLocalPort())) {
                socket.setSoTimeout(10_000);
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(parameters);
                socket.startHandshake();
                // TLS 1.3 finishes the client's side before the server has checked the client's certificate.
                socket.getInputStream().read();
            } catch (java.io.IOException refused) {
                // the client's side of a refusal (an alert, a reset): the server's verdict says why
            }
            serving.join();
            return verdict;
        }
    }

    private static KeyStore store(Path file, BrokerCertificates tls) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, tls.password().toCharArray());
        }
        return store;
    }

    /** What an outside client is given to trust the broker: the authority's PEM alone. */
    private static KeyStore caOnly(Path pem) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            store.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        return store;
    }

    private static SSLContext context(KeyStore keys, KeyStore trusted, BrokerCertificates tls) throws Exception {
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, tls.password().toCharArray());
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        return context;
    }
}
