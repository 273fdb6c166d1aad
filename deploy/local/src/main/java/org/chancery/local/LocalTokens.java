package org.chancery.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.chancery.events.Service;
import org.eclipse.microprofile.jwt.Claims;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

/**
 * The issuer of access tokens for a stack on this machine: signed JWTs (RS256, by smallrye-jwt-build)
 * that the services verify with the issuer's public key. A ministry's token names its state; the other roles are
 * the hotline operator and the auditor. Each token is addressed ({@code aud}) to the services it
 * is for, and each service accepts only tokens addressed to it. The issuer also signs
 * revocations, for {@code chancery.tokens.revoked}. Its key pair is made on the first start and
 * kept in {@code home/keys} ({@code token-issuer.key}, readable by its owner only, and
 * {@code token-issuer.pub}).
 */
public final class LocalTokens {

    public static final String ISSUER = "chancery";
    public static final String MINISTRY = "ministry";
    public static final String OPERATOR = "hotline-operator";
    public static final String AUDITOR = "auditor";

    /** The audiences: each service with a REST API accepts tokens addressed to its own name. */
    public static final String MINISTRY_SERVICE = Service.FOREIGN_MINISTRY.id();
    public static final String HOTLINE_SERVICE = Service.HOTLINE.id();
    public static final String AUDIT_SERVICE = Service.AUDIT.id();
    /** The audience of a revocation: no service accepts one as an access token. */
    public static final String REVOCATION = "token-revocation";
    /** The longest a token may be valid: every service refuses one issued for longer. */
    public static final Duration LONGEST_LIFETIME = Duration.ofDays(90);

    private static final ObjectMapper JSON = new ObjectMapper();

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

    /**
     * A token for the ministry of {@code state}: it may send as that state and read that state's
     * notices, and read the hotlines' status.
     */
    public String ministry(String state, Duration valid) {
        return issue("ministry:" + state, List.of(MINISTRY), state, List.of(MINISTRY_SERVICE, HOTLINE_SERVICE), valid);
    }

    public String operator(Duration valid) {
        return issue("hotline-operator", List.of(OPERATOR), null, List.of(HOTLINE_SERVICE), valid);
    }

    /** An auditor reads notices at the ministry, lines at the hotline service and paths at the audit. */
    public String auditor(Duration valid) {
        return issue("auditor", List.of(AUDITOR), null, List.of(MINISTRY_SERVICE, HOTLINE_SERVICE, AUDIT_SERVICE), valid);
    }

    /**
     * A signed token for {@code subject} with these roles (and, for a ministry, its state), for
     * the services named in {@code audiences}.
     */
    public String issue(String subject, List<String> roles, String state, List<String> audiences, Duration valid) {
        if (valid.compareTo(LONGEST_LIFETIME) > 0) {
            throw new IllegalArgumentException("a token is valid " + LONGEST_LIFETIME.toDays()
                    + " days at most (every service refuses a longer one), not " + valid.toDays());
        }
        Instant now = Instant.now();
        JwtClaimsBuilder claims = Jwt.issuer(ISSUER).subject(subject).upn(subject).audience(new LinkedHashSet<>(audiences))
                .groups(new LinkedHashSet<>(roles)).issuedAt(now).expiresAt(now.plus(valid))
                .claim(Claims.jti.name(), UUID.randomUUID().toString());
        if (state != null) {
            claims.claim("state", state);
        }
        return sign(claims);
    }

    /**
     * The revocation of {@code token} (one this issuer made): a JWT for the audience
     * {@link #REVOCATION} whose {@code revokes} names the token's id and whose {@code exp} is the
     * token's. Published on {@code chancery.tokens.revoked} keyed by that id, see {@link #revocationKey}.
     */
    public String revocation(String token) {
        Map<?, ?> revoked = payload(token);
        return sign(Jwt.issuer(ISSUER).subject(String.valueOf(revoked.get("sub"))).audience(REVOCATION)
                .claim("revokes", revocationKey(token)).issuedAt(Instant.now())
                .expiresAt(((Number) revoked.get("exp")).longValue()));
    }

    /** The id ({@code jti}) of a token, which keys its revocation. */
    public static String revocationKey(String token) {
        Object id = payload(token).get("jti");
        if (id == null) {
            throw new IllegalArgumentException("the token has no id (jti) to revoke it by");
        }
        return id.toString();
    }

    /** A token's claims, unverified: only to read what this issuer wrote. */
    private static Map<?, ?> payload(String token) {
        String[] parts = token.trim().split("\\.");
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a signed JWT (header.payload.signature)");
        }
        try {
            return JSON.readValue(Base64.getUrlDecoder().decode(parts[1]), Map.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a JWT: its payload is not base64url JSON", e);
        }
    }

    /** The claims as an RS256 JWS, by smallrye-jwt-build. */
    private String sign(JwtClaimsBuilder claims) {
        return claims.jws().algorithm(SignatureAlgorithm.RS256).sign(privateKey);
    }

    /**
     * Signs exactly these claims, adding none (the builder would add an id and times): for showing
     * what a service refuses.
     */
    public String signExactly(String claimsJson) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claimsJson);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        jws.setKey(privateKey);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("could not sign " + claimsJson, e);
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
