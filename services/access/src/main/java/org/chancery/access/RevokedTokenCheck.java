package org.chancery.access;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.chancery.problem.ProblemException;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Refuses a token whose signature and audience are good but which has been revoked. */
@ApplicationScoped
public class RevokedTokenCheck implements SecurityIdentityAugmentor {

    @Inject
    TokenRevocations revocations;

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.getPrincipal() instanceof JsonWebToken token && revocations.isRevoked(token)) {
            return Uni.createFrom().failure(new AuthenticationFailedException(new ProblemException(401, "Token revoked",
                    "token " + token.getTokenID() + " has been revoked; ask its issuer for a new one")));
        }
        return Uni.createFrom().item(identity);
    }
}
