package org.chancery.access;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.chancery.problem.ProblemException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Refuses a token whose signature and audience are good but which could not be taken back: one
 * without an id ({@code jti}: nothing could revoke it), one issued for longer than the longest
 * lifetime (a leaked token must not stay good for years), or one that has been revoked.
 */
@ApplicationScoped
public class TokenCheck implements SecurityIdentityAugmentor {

    @Inject
    TokenRevocations revocations;

    /** As {@code LocalTokens.LONGEST_LIFETIME}, which the issuer keeps to ({@code TokenCheckTest}). */
    @ConfigProperty(name = "chancery.access.longest-token-lifetime", defaultValue = "90d")
    Duration longestLifetime;

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            ProblemException refusal = refusal(token);
            if (refusal != null) {
                return Uni.createFrom().failure(new AuthenticationFailedException(refusal));
            }
        }
        return Uni.createFrom().item(identity);
    }

    private ProblemException refusal(JsonWebToken token) {
        String id = token.getTokenID();
        if (id == null || id.isBlank()) {
            return new ProblemException(401, "Token without id", "a token without an id (jti) could not be revoked, "
                    + "so it is not taken; ask its issuer for a new one");
        }
        if (token.getIssuedAtTime() <= 0
                || token.getExpirationTime() - token.getIssuedAtTime() > longestLifetime.toSeconds()) {
            return new ProblemException(401, "Token lives too long", "token " + id + " is issued for longer than "
                    + longestLifetime.toDays() + " days, or without saying when it was issued (iat)");
        }
        if (revocations.isRevoked(token)) {
            return new ProblemException(401, "Token revoked",
                    "token " + id + " has been revoked; ask its issuer for a new one");
        }
        return null;
    }
}
