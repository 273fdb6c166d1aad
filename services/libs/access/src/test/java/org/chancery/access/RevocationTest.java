package org.chancery.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.chancery.local.LocalTokens;
import org.junit.jupiter.api.Test;

class RevocationTest {

    static final Duration HOUR = Duration.ofHours(1);
    final LocalTokens issuer = LocalTokens.ephemeral();
    final DefaultJWTParser parser = parserFor(issuer);

    static DefaultJWTParser parserFor(LocalTokens issuer) {
        JWTAuthContextInfo context = new JWTAuthContextInfo();
        context.setPublicKeyContent(issuer.verifyConfig().get("mp.jwt.verify.publickey"));
        context.setIssuedBy(LocalTokens.ISSUER);
        context.setExpectedAudience(Set.of(Revocation.AUDIENCE));
        return new DefaultJWTParser(context);
    }

    @Test
    void aRevocationByTheIssuerNamesTheTokenItRevokes() throws ParseException {
        String token = issuer.ministry("USA", HOUR);
        Revocation revocation = Revocation.read(parser, issuer.revocation(token));
        assertEquals(LocalTokens.revocationKey(token), revocation.tokenId());
        assertEquals("ministry:USA", revocation.subject());
    }

    @Test
    void anythingElseIsRefused() {
        String token = issuer.ministry("USA", HOUR);
        assertThrows(ParseException.class, () -> Revocation.read(parser, LocalTokens.ephemeral().revocation(token)));
        assertThrows(ParseException.class, () -> Revocation.read(parser, token));
        assertThrows(ParseException.class, () -> Revocation.read(parser, "not a JWT"));
        assertThrows(ParseException.class, () -> Revocation.read(parser, ""));
        String noTarget = issuer.issue("x", List.of(), null, List.of(Revocation.AUDIENCE), HOUR);
        assertThrows(ParseException.class, () -> Revocation.read(parser, noTarget));
    }

    @Test
    void theRevocationOfAnExpiredTokenIsMoot() {
        String expired = issuer.ministry("USA", Duration.ofSeconds(-60));
        assertThrows(Revocation.Moot.class, () -> Revocation.read(parser, issuer.revocation(expired)));
    }
}
