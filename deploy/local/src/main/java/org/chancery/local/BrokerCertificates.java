package org.chancery.local;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The certificates of the broker's listener for outside consumers, which log in with a client
 * certificate (mutual TLS) rather than SCRAM: any Kafka client can, whatever its SASL support. A
 * certificate authority of this machine signs the broker's certificate (for 127.0.0.1 and
 * localhost) and the outside consumers' ({@code CN=reader}, the read-only principal). Made once,
 * in the launcher's process (Bouncy Castle builds the certificates; thirteen keytool processes
 * took ~7 s of a first start), kept in {@code home/keys/tls}, owner-only: {@code ca.pem} (to trust
 * the broker), {@code broker.p12}, {@code truststore.p12} and {@code reader.p12} (PKCS#12, all
 * with the password in {@code home/keys/tls/store.password}). The authority's private key is not
 * kept: certificates are made again, all of them, when one, or their password, is missing.
 */
public final class BrokerCertificates {

    private static final Duration VALIDITY = Duration.ofDays(3650);
    private static final String SIGNATURE = "SHA256withECDSA";

    private final Path folder;
    private final String password;

    private BrokerCertificates(Path folder, String password) {
        this.folder = folder;
        this.password = password;
    }

    /** The certificates in {@code home/keys/tls}, made if missing. */
    public static synchronized BrokerCertificates in(Path home) throws IOException {
        Path folder = OwnerOnly.folder(home.resolve("keys").resolve("tls"));
        // A new password opens none of the stores made with the one lost: they go before it is
        // made, so that a launcher stopped in between finds some missing and makes them all again.
        if (!Files.exists(folder.resolve("store.password"))) {
            for (Path file : new BrokerCertificates(folder, null).files()) {
                Files.deleteIfExists(file);
            }
        }
        BrokerCertificates certificates = new BrokerCertificates(folder, OwnerOnly.secret(folder, "store.password"));
        if (!certificates.files().stream().allMatch(Files::exists)) {
            try {
                certificates.make();
            } catch (GeneralSecurityException | OperatorCreationException e) {
                throw new IOException("could not make the broker's certificates", e);
            }
        }
        return certificates;
    }

    private List<Path> files() {
        return List.of(ca(), truststore(), broker(), reader());
    }

    public Path ca() {
        return folder.resolve("ca.pem");
    }

    public Path broker() {
        return folder.resolve("broker.p12");
    }

    public Path truststore() {
        return folder.resolve("truststore.p12");
    }

    /** The outside consumers' key and certificate. */
    public Path reader() {
        return folder.resolve("reader.p12");
    }

    public String password() {
        return password;
    }

    private void make() throws IOException, GeneralSecurityException, OperatorCreationException {
        KeyPair caKeys = keyPair();
        X500Name caName = new X500Name("CN=Chancery broker CA");
        X509Certificate ca = certificate(caName, caKeys, caName, caKeys,
                new BasicConstraints(true), KeyUsage.keyCertSign | KeyUsage.cRLSign, null);
        String pem = "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(ca.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
        OwnerOnly.write(ca(), pem);

        KeyStore trusted = emptyStore();
        trusted.setCertificateEntry("ca", ca);
        store(trusted, truststore());

        GeneralNames brokerNames = new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")});
        signed(caName, ca, caKeys, "CN=broker", brokerNames, broker());
        signed(caName, ca, caKeys, "CN=" + BrokerAccess.READER, null, reader());
    }

    /** A store with a key pair whose certificate the CA signed, and the CA's certificate. */
    private void signed(X500Name caName, X509Certificate ca, KeyPair caKeys, String name,
            GeneralNames alternativeNames, Path file)
            throws IOException, GeneralSecurityException, OperatorCreationException {
        KeyPair keys = keyPair();
        X509Certificate certificate = certificate(new X500Name(name), keys, caName, caKeys,
                new BasicConstraints(false), KeyUsage.digitalSignature, alternativeNames);
        KeyStore store = emptyStore();
        store.setKeyEntry("key", keys.getPrivate(), password.toCharArray(), new X509Certificate[] {certificate, ca});
        store.setCertificateEntry("ca", ca);
        store(store, file);
    }

    private static X509Certificate certificate(X500Name subject, KeyPair subjectKeys, X500Name issuer,
            KeyPair issuerKeys, BasicConstraints constraints, int keyUsage, GeneralNames alternativeNames)
            throws IOException, GeneralSecurityException, OperatorCreationException {
        Instant now = Instant.now();
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                new BigInteger(64, new SecureRandom()).add(BigInteger.ONE), Date.from(now.minus(Duration.ofMinutes(5))),
                Date.from(now.plus(VALIDITY)), subject, subjectKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, constraints)
                .addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage))
                .addExtension(Extension.subjectKeyIdentifier, false,
                        extensions.createSubjectKeyIdentifier(subjectKeys.getPublic()))
                .addExtension(Extension.authorityKeyIdentifier, false,
                        extensions.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
        if (alternativeNames != null) {
            builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames);
        }
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder(SIGNATURE).build(issuerKeys.getPrivate())));
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static KeyStore emptyStore() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }

    /** Written to a file created owner-only, whole or not at all. */
    private void store(KeyStore store, Path file) throws IOException {
        OwnerOnly.write(file, out -> {
            try {
                store.store(out, password.toCharArray());
            } catch (GeneralSecurityException e) {
                throw new IOException("could not write " + file, e);
            }
        });
    }
}
