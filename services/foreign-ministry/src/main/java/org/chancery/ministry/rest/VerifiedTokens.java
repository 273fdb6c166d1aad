package org.chancery.ministry.rest;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Verifies a bearer token once, not on every request: a ministry sends many notices with the same
 * token, and checking its RSA signature was a seventh of the ministry's work under load. A token is
 * kept, by its exact text, until it expires; a token that fails is never kept, so every request
 * with it is refused as before. At most {@link #LIMIT} tokens are kept at once.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokens implements JWTParser {

    static final int LIMIT = 10_000;

    @Inject
    JWTAuthContextInfo authContext;

    private DefaultJWTParser parser;
    private final Map<String, JsonWebToken> verified = new ConcurrentHashMap<>();

    @PostConstruct
    void create() {
        parser = new DefaultJWTParser(authContext);
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        JsonWebToken known = verified.get(token);
        long now = Instant.now().getEpochSecond();
        if (known != null && known.getExpirationTime() > now) {
            return known;
        }
        verified.remove(token);
        JsonWebToken parsed = parser.parse(token);
        if (verified.size() >= LIMIT) {
            verified.values().removeIf(t -> t.getExpirationTime() <= now);
        }
        if (verified.size() < LIMIT && parsed.getExpirationTime() > now) {
            verified.put(token, parsed);
        }
        return parsed;
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return parser.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return parser.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return parser.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return parser.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, java.security.PrivateKey key) throws ParseException {
        return parser.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return parser.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return parser.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return parser.parseOnly(token);
    }
}
