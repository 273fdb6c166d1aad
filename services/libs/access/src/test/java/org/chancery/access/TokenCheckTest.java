package org.chancery.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.chancery.local.LocalTokens;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The issuer and the services agree on the longest lifetime of a token. */
class TokenCheckTest {

    @Test
    void theServicesRefuseJustWhatTheIssuerWillNotMake() throws NoSuchFieldException {
        String longest = TokenCheck.class.getDeclaredField("longestLifetime").getAnnotation(ConfigProperty.class)
                .defaultValue();
        assertEquals(LocalTokens.LONGEST_LIFETIME.toDays() + "d", longest);
    }
}
