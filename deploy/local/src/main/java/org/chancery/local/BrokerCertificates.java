package org.chancery.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The certificates of the broker's listener for outside consumers, which log in with a client
 * certificate (mutual TLS) rather than SCRAM: any Kafka client can, whatever its SASL support. A
 * certificate authority of this machine signs the broker's certificate (for 127.0.0.1 and
 * localhost) and the outside consumers' ({@code CN=reader}, the read-only principal). Made once
 * with the JDK's {@code keytool}, kept in {@code home/keys/tls}, owner-only:
 * {@code ca.pem} (to trust the broker), {@code broker.p12}, {@code truststore.p12} and
 * {@code reader.p12} (PKCS#12, all with the password in {@code home/keys/tls/store.password}).
 */
public final class BrokerCertificates {

    private final Path folder;
    private final String password;

    private BrokerCertificates(Path folder, String password) {
        this.folder = folder;
        this.password = password;
    }

    /** The certificates in {@code home/keys/tls}, made if missing. */
    public static synchronized BrokerCertificates in(Path home) throws IOException {
        Path folder = OwnerOnly.folder(home.resolve("keys").resolve("tls"));
        BrokerCertificates certificates = new BrokerCertificates(folder, OwnerOnly.secret(folder, "store.password"));
        if (!Files.exists(certificates.reader())) {
            certificates.make();
        }
        return certificates;
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

    private void make() throws IOException {
        Path ca = folder.resolve("ca.p12");
        for (Path file : List.of(ca, ca(), broker(), truststore(), reader())) {
            Files.deleteIfExists(file);
        }
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "3650",
                "-dname", "CN=Chancery broker CA", "-ext", "bc:c", "-keystore", ca.toString());
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-file", ca().toString());
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", ca().toString(), "-keystore", truststore().toString());
        signed(ca, broker(), "CN=broker", "san=ip:127.0.0.1,dns:localhost");
        signed(ca, reader(), "CN=" + BrokerAccess.READER, null);
        Files.delete(folder.resolve("request.csr"));
        Files.delete(folder.resolve("signed.pem"));
        ownerOnly();
    }

    /** A key pair in {@code store} whose certificate the CA in {@code ca} signed. */
    private void signed(Path ca, Path store, String name, String extension) throws IOException {
        Path request = folder.resolve("request.csr");
        Path certificate = folder.resolve("signed.pem");
        keytool("-genkeypair", "-alias", "key", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "3650",
                "-dname", name, "-keystore", store.toString());
        keytool("-certreq", "-alias", "key", "-keystore", store.toString(), "-file", request.toString());
        List<String> sign = new ArrayList<>(List.of("-gencert", "-rfc", "-alias", "ca", "-validity", "3650",
                "-keystore", ca.toString(), "-infile", request.toString(), "-outfile", certificate.toString()));
        if (extension != null) {
            sign.addAll(List.of("-ext", extension));
        }
        keytool(sign.toArray(String[]::new));
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", ca().toString(), "-keystore", store.toString());
        keytool("-importcert", "-noprompt", "-alias", "key", "-file", certificate.toString(), "-keystore", store.toString());
    }

    private void keytool(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", password));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool " + args[0] + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making the broker's certificates", e);
        }
    }

    /** keytool writes with the umask: every file here is put right once they are made. */
    private void ownerOnly() throws IOException {
        try (var files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
        }
    }
}
