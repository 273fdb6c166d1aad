package org.chancery.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
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
        Client reader = client(store(tls.reader(), tls), caOnly(tls.ca()), tls);

        Handshake handshake = handshake(broker, reader, host);
        assertTrue(handshake.clientAccepted(), () -> "the client refused the broker: " + handshake.clientFailure());
        assertEquals("CN=reader", handshake.serverSaw(),
                () -> "the server: " + handshake.serverRefusal() + "; the client: " + handshake.clientFailure());
    }

    @Test
    void aClientTheAuthorityDidNotSignIsRefused(@TempDir Path home, @TempDir Path elsewhere) throws Exception {
        BrokerCertificates tls = BrokerCertificates.in(home);
        BrokerCertificates stranger = BrokerCertificates.in(elsewhere);
        SSLContext broker = context(store(tls.broker(), tls), store(tls.truststore(), tls), tls);
        Client outsider = client(store(stranger.reader(), stranger), caOnly(tls.ca()), stranger);

        Handshake handshake = handshake(broker, outsider, "127.0.0.1");
        assertTrue(handshake.clientAccepted(), () -> "the client refused the broker: " + handshake.clientFailure());
        assertInstanceOf(SSLHandshakeException.class, handshake.serverRefusal(), "the server refused the client");
        assertNull(handshake.serverSaw());
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
    void madeAgainWholeWhenTheirPasswordIsMissing(@TempDir Path home) throws Exception {
        BrokerCertificates first = BrokerCertificates.in(home);
        Files.delete(home.resolve("keys/tls/store.password"));

        BrokerCertificates again = BrokerCertificates.in(home);

        assertNotEquals(first.password(), again.password());
        assertEquals(2, store(again.reader(), again).size(), "the reader's store opens with the new password: its key and the CA");
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
     * What each side made of a handshake: whether the client's trust manager accepted the server's
     * certificate (checked against the host it asked for, as Kafka's clients do: a server that
     * refuses the client may close the connection before the client's side of the handshake ends,
     * so the client's socket alone cannot tell) and what failed on the client's side;
     * the name of the client's certificate as the server saw it, or why the server refused it.
     */
    private record Handshake(boolean clientAccepted, Exception clientFailure, String serverSaw,
            Exception serverRefusal) {
    }

    /** Handshakes as the broker's listener does, with the client's certificate required. */
    private static Handshake handshake(SSLContext server, Client client, String host) throws Exception {
        try (SSLServerSocket listener = (SSLServerSocket) server.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setNeedClientAuth(true);
            listener.setSoTimeout(10_000);
            String[] serverSaw = new String[1];
            Exception[] serverRefusal = new Exception[1];
            Thread serving = Thread.ofPlatform().start(() -> {
                try (SSLSocket accepted = (SSLSocket) listener.accept()) {
                    accepted.setSoTimeout(10_000);
                    accepted.startHandshake();
                    serverSaw[0] = accepted.getSession().getPeerPrincipal().getName();
                } catch (Exception e) {
                    serverRefusal[0] = e;
                }
            });
            Exception clientFailure = null;
            try (SSLSocket socket = (SSLSocket) client.context().getSocketFactory()
                    .createSocket(host, listener.getLocalPort())) {
                socket.setSoTimeout(10_000);
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(parameters);
                socket.startHandshake();
                // TLS 1.3 finishes the client's side before the server has checked the client's certificate.
                socket.getInputStream().read();
            } catch (java.io.IOException e) {
                clientFailure = e;
            }
            serving.join();
            return new Handshake(client.trust().accepted, clientFailure, serverSaw[0], serverRefusal[0]);
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

    /** A client's context, and its trust manager, which tells whether it accepted the server. */
    private record Client(SSLContext context, ServerCheck trust) {
    }

    private static Client client(KeyStore keys, KeyStore trusted, BrokerCertificates tls) throws Exception {
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, tls.password().toCharArray());
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trusted);
        ServerCheck check = new ServerCheck((X509ExtendedTrustManager) trustManagers.getTrustManagers()[0]);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), new TrustManager[] {check}, null);
        return new Client(context, check);
    }

    /** The JDK's trust manager, noting that it accepted a server's certificate for the host the client asked for. */
    private static final class ServerCheck extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager jdk;
        volatile boolean accepted;

        ServerCheck(X509ExtendedTrustManager jdk) {
            this.jdk = jdk;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            jdk.checkServerTrusted(chain, authType, socket);
            accepted = true;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            jdk.checkServerTrusted(chain, authType, engine);
            accepted = true;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            jdk.checkServerTrusted(chain, authType);
            accepted = true;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            jdk.checkClientTrusted(chain, authType, socket);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            jdk.checkClientTrusted(chain, authType, engine);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            jdk.checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return jdk.getAcceptedIssuers();
        }
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
