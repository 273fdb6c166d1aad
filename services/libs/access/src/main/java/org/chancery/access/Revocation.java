package org.chancery.access;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import java.time.Instant;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A revocation of one access token: a JWT signed by the token issuer, addressed to
 * {@link #AUDIENCE}, whose claim {@code revokes} names the token's id ({@code jti}) and whose
 * {@code exp} is the revoked token's (after which the revocation is moot).
 */
record Revocation(String tokenId, String subject, long expiresAt) {

    public static final String AUDIENCE = "token-revocation";
    static final String REVOKES = "revokes";

    /** The revocation {@code jwt} holds, verified; {@link Moot} if the token it revokes has expired. */
    static Revocation read(DefaultJWTParser parser, String jwt) throws ParseException {
        JsonWebToken unverified;
        try {
            unverified = parser.parseOnly(jwt);
        } catch (RuntimeException e) {
            throw new ParseException("not a JWT: " + e.getMessage(), e);
        }
        if (unverified == null) {
            throw new ParseException("not a JWT");
        }
        if (unverified.getExpirationTime() > 0 && unverified.getExpirationTime() <= Instant.now().getEpochSecond()) {
            throw new Moot();
        }
        JsonWebToken verified = parser.parse(jwt);
        Object revokes = verified.getClaim(REVOKES);
        if (revokes == null || revokes.toString().isBlank()) {
            throw new ParseException("it names no token to revoke (claim '" + REVOKES + "')");
        }
        return new Revocation(unquote(revokes.toString()), verified.getSubject(), verified.getExpirationTime());
    }

    /** Claims may come back as JSON strings, quotes included. */
    private static String unquote(String value) {
        return value.length() > 1 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }

    /** The revoked token has expired: nothing left to refuse. */
    static final class Moot extends ParseException {
        Moot() {
            super("the token it revokes has expired");
        }
    }
}
