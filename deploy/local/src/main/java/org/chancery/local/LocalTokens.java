package org.chancery.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The issuer of access tokens for a stack on this machine: signed JWTs (RS256) that the services
 * verify with the issuer's public key. A ministry's token names its state; the other roles are
 * the hotline operator and the auditor. The issuer's key pair is made on the first start and
 * kept in {@code home/keys} ({@code token-issuer.key}, readable by its owner only, and
 * {@code token-issuer.pub}).
 */
public final class LocalTokens {

    public static final String ISSUER = "chancery";
    public static final String MINISTRY = "ministry";
    public static final String OPERATOR = "hotline-operator";
    public static final String AUDITOR = "auditor";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private final PrivateKey privateKey;
    private final String publicKey;

    private LocalTokens(PrivateKey privateKey, String publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** The issuer whose keys are in {@code home/keys}, made there if missing. */
    public static LocalTokens in(Path home) throws IOException {
        KeyFiles files = KeyFiles.loadOrMake(home.resolve("keys"), "token-issuer", LocalTokens::generate);
        return fromKeys(files.privateKey(), files.publicKey());
    }

    /** An issuer with the given keys: base64 PKCS#8 private, base64 X.509 public. */
    public static LocalTokens fromKeys(String privateKeyBase64, String publicKeyBase64) {
        try {
            PrivateKey key = KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(privateKeyBase64)));
            return new LocalTokens(key, publicKeyBase64);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an RSA private key (base64 PKCS#8): " + e.getMessage(), e);
        }
    }

    /** A fresh issuer whose keys live only in memory, for a test run. */
    public static LocalTokens ephemeral() {
        KeyPair pair = generate();
        return new LocalTokens(pair.getPrivate(), base64(pair.getPublic().getEncoded()));
    }

    /** The environment a service verifies tokens with. */
    public Map<String, String> verifyEnv() {
        return Map.of("MP_JWT_VERIFY_PUBLICKEY", publicKey, "MP_JWT_VERIFY_ISSUER", ISSUER);
    }

    /** The same, as Quarkus configuration properties. */
    public Map<String, String> verifyConfig() {
        return Map.of("mp.jwt.verify.publickey", publicKey, "mp.jwt.verify.issuer", ISSUER);
    }

    /** A token for the ministry of {@code state}: it may send as that state and read that state's notices. */
    public String ministry(String state, Duration valid) {
        return issue("ministry:" + state, List.of(MINISTRY), state, valid);
    }

    public String operator(Duration valid) {
        return issue("hotline-operator", List.of(OPERATOR), null, valid);
    }

    public String auditor(Duration valid) {
        return issue("auditor", List.of(AUDITOR), null, valid);
    }

    /** A signed token for {@code subject} with these roles (and, for a ministry, its state). */
    public String issue(String subject, List<String> roles, String state, Duration valid) {
        Instant now = Instant.now();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("sub", subject);
        claims.put("upn", subject);
        claims.put("groups", roles);
        if (state != null) {
            claims.put("state", state);
        }
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(valid).getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        try {
            String signingInput = URL.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                    + "." + URL.encodeToString(JSON.writeValueAsBytes(claims));
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(privateKey);
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + URL.encodeToString(rs256.sign());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing a token failed", e);
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
