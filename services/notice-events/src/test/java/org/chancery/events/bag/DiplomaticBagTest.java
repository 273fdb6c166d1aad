package org.chancery.events.bag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DiplomaticBagTest {

    private static final String FIRST = "1:" + BagKeys.newSecret();
    private static final String SECOND = "2:" + BagKeys.newSecret();
    private static final String BODY = "We are flying into Kyiv in a few hours. — Déjà vu, 基辅";
    private static final UUID NOTICE = UUID.randomUUID();

    private final DiplomaticBag bag = new DiplomaticBag(BagKeys.parse(FIRST));

    @Test
    void opensWhatItSealedForTheReceiverAndNothingElseReadsIt() {
        String sealed = bag.seal(NOTICE, "USA", "UKR", BODY);
        assertTrue(sealed.startsWith("bag-v1:UKR.1:"), sealed);
        assertFalse(sealed.contains("Kyiv"));
        assertEquals(BODY, bag.open(NOTICE, "USA", "UKR", sealed));
        assertNotEquals(sealed, bag.seal(NOTICE, "USA", "UKR", BODY), "each seal has its own ephemeral key");
    }

    @Test
    void aBagIsBoundToItsNoticeAndItsParties() {
        String sealed = bag.seal(NOTICE, "USA", "UKR", BODY);
        assertThrows(BagException.class, () -> bag.open(UUID.randomUUID(), "USA", "UKR", sealed));
        assertThrows(BagException.class, () -> bag.open(NOTICE, "RUS", "UKR", sealed));
        BagException elsewhere = assertThrows(BagException.class, () -> bag.open(NOTICE, "USA", "POL", sealed));
        assertEquals("sealed for UKR, not for POL", elsewhere.getMessage());
    }

    @Test
    void onlyTheSendingStatesMinistryMakesABagThatOpensAsItsOwn() throws Exception {
        BagKeys keys = BagKeys.parse(FIRST);
        byte[][] impostor = Hpke.suite().seal(keys.pair("UKR", 1).getPublic(), DiplomaticBag.INFO,
                DiplomaticBag.aad(NOTICE, "USA", "UKR"), BODY.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                null, null, keys.pair("RUS", 1));
        String forged = new SealedBody("UKR", 1, impostor[1], impostor[0]).text();
        BagException refused = assertThrows(BagException.class, () -> bag.open(NOTICE, "USA", "UKR", forged));
        assertTrue(refused.getMessage().endsWith("or not sealed by USA"), refused.getMessage());
    }

    @Test
    void anAlteredBagDoesNotOpen() {
        String sealed = bag.seal(NOTICE, "USA", "UKR", BODY);
        byte[] bytes = Base64.getUrlDecoder().decode(sealed.substring("bag-v1:UKR.1:".length()));
        bytes[bytes.length - 1] ^= 1;
        String altered = "bag-v1:UKR.1:" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        BagException refused = assertThrows(BagException.class, () -> bag.open(NOTICE, "USA", "UKR", altered));
        assertTrue(refused.getMessage().contains("altered"), refused.getMessage());
        assertThrows(BagException.class, () -> bag.open(NOTICE, "USA", "UKR", "bag-v1:UKR.1:!!"));
        assertThrows(BagException.class, () -> bag.open(NOTICE, "USA", "UKR", "bag-v1:UKR.1:AAAA"));
    }

    @Test
    void anotherDeploymentsSecretDoesNotOpenIt() {
        String sealed = bag.seal(NOTICE, "USA", "UKR", BODY);
        DiplomaticBag other = new DiplomaticBag(BagKeys.parse("1:" + BagKeys.newSecret()));
        assertThrows(BagException.class, () -> other.open(NOTICE, "USA", "UKR", sealed));
    }

    @Test
    void aRotationSealsWithTheNewKeyAndStillOpensTheOld() {
        String before = bag.seal(NOTICE, "USA", "UKR", BODY);
        DiplomaticBag rotated = new DiplomaticBag(BagKeys.parse(SECOND + "," + FIRST));
        String after = rotated.seal(NOTICE, "USA", "UKR", BODY);
        assertTrue(after.startsWith("bag-v1:UKR.2:"), after);
        assertEquals(BODY, rotated.open(NOTICE, "USA", "UKR", before));
        assertEquals(BODY, rotated.open(NOTICE, "USA", "UKR", after));
        BagException retired = assertThrows(BagException.class,
                () -> new DiplomaticBag(BagKeys.parse(SECOND)).open(NOTICE, "USA", "UKR", before));
        assertEquals("sealed with key UKR.1, which this ministry does not hold", retired.getMessage());
    }

    @Test
    void eachStateHasItsOwnKey() {
        BagKeys keys = BagKeys.parse(FIRST);
        assertFalse(java.util.Arrays.equals(
                ((org.bouncycastle.crypto.params.X25519PublicKeyParameters) keys.pair("UKR", 1).getPublic()).getEncoded(),
                ((org.bouncycastle.crypto.params.X25519PublicKeyParameters) keys.pair("POL", 1).getPublic()).getEncoded()));
    }

    @Test
    void badSecretsAreRefusedWithTheirReason() {
        assertTrue(BagKeys.parse(" ").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> new DiplomaticBag(BagKeys.parse("")));
        assertEquals("bag secret 1 has 3 bytes; at least 32 are needed",
                assertThrows(IllegalArgumentException.class, () -> BagKeys.parse("1:AAAA")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> BagKeys.parse("0:" + BagKeys.newSecret()));
        assertThrows(IllegalArgumentException.class, () -> BagKeys.parse(FIRST + "," + FIRST));
    }
}
