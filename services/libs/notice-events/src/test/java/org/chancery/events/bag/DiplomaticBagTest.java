package org.chancery.events.bag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;
import org.chancery.events.Classification;
import org.chancery.events.LateNotice;
import org.chancery.events.Digests;
import org.chancery.events.Notice;
import org.chancery.events.NoticeKind;
import org.chancery.events.Precedence;
import org.junit.jupiter.api.Test;

class DiplomaticBagTest {

    private static final String FIRST = "1:" + BagKeys.newSecret();
    private static final String SECOND = "2:" + BagKeys.newSecret();
    private static final String BODY = "We are flying into Kyiv in a few hours. — Déjà vu, 基辅";
    private static final UUID ID = UUID.randomUUID();
    private static final Notice NOTICE = Notice.of("USA", "UKR", NoticeKind.NOTE_VERBALE, Precedence.FLASH,
            Classification.SECRET, "Flight", BODY, Instant.parse("2027-01-01T12:00:00.123456Z"));

    private final DiplomaticBag bag = new DiplomaticBag(BagKeys.parse(FIRST));

    /** The notice as it travels: its body sealed, with the bag's digest. */
    private static Notice carrying(Notice notice, String sealed) {
        return notice.carrying(sealed, Digests.sha256Hex(sealed));
    }

    @Test
    void opensWhatItSealedForTheReceiverAndNothingElseReadsIt() {
        String sealed = bag.seal(ID, NOTICE);
        assertTrue(sealed.startsWith("bag-v1:UKR.1:"), sealed);
        assertFalse(sealed.contains("Kyiv"));
        assertEquals(BODY, bag.open(ID, carrying(NOTICE, sealed)));
        assertNotEquals(sealed, bag.seal(ID, NOTICE), "each seal has its own ephemeral key");
    }

    @Test
    void aBagIsBoundToItsNoticeAsItStands() {
        Notice travelling = carrying(NOTICE, bag.seal(ID, NOTICE));
        assertThrows(BagException.class, () -> bag.open(UUID.randomUUID(), travelling), "another notice's id");
        BagException elsewhere = assertThrows(BagException.class, () -> bag.open(ID, travelling.addressedTo("POL")));
        assertEquals("sealed for UKR, not for POL", elsewhere.getMessage());
        // A relay changing what the notice says beside its body: the bag no longer opens.
        for (Notice changed : new Notice[] {
                new Notice("USA", "UKR", NoticeKind.NOTE_VERBALE, Precedence.ROUTINE, Classification.SECRET, "Flight",
                        travelling.body(), travelling.bodyDigest(), NOTICE.deliverBy(), null, null, null, null, null, null, null),
                new Notice("USA", "UKR", NoticeKind.NOTE_VERBALE, Precedence.FLASH, Classification.SECRET, "Flights",
                        travelling.body(), travelling.bodyDigest(), NOTICE.deliverBy(), null, null, null, null, null, null, null),
                new Notice("RUS", "UKR", NoticeKind.NOTE_VERBALE, Precedence.FLASH, Classification.SECRET, "Flight",
                        travelling.body(), travelling.bodyDigest(), NOTICE.deliverBy(), null, null, null, null, null, null, null),
                travelling.under("BMLNA-1988", Instant.parse("2027-01-02T00:00:00Z")),
                travelling.givenLate(new LateNotice("PT24H", "PT2H")),
                travelling.in(UUID.randomUUID()),
                travelling.numbered("USA 2026/00001"),
                travelling.citing(UUID.randomUUID(), null),
                travelling.citing(null, "Note No. 1 of 1 December 2026")}) {
            assertThrows(BagException.class, () -> bag.open(ID, changed), changed::toString);
        }
    }

    @Test
    void onlyTheSendingStatesMinistryMakesABagThatOpensAsItsOwn() throws Exception {
        BagKeys keys = BagKeys.parse(FIRST);
        byte[][] impostor = Hpke.suite().seal(keys.pair("UKR", 1).getPublic(), DiplomaticBag.INFO,
                DiplomaticBag.aad(ID, NOTICE), BODY.getBytes(StandardCharsets.UTF_8), null, null, keys.pair("RUS", 1));
        String forged = new SealedBody("UKR", 1, impostor[1], impostor[0]).text();
        BagException refused = assertThrows(BagException.class, () -> bag.open(ID, carrying(NOTICE, forged)));
        assertTrue(refused.getMessage().endsWith("or not sealed by USA"), refused.getMessage());
    }

    @Test
    void anAlteredBagDoesNotOpen() {
        String sealed = bag.seal(ID, NOTICE);
        byte[] bytes = Base64.getUrlDecoder().decode(sealed.substring("bag-v1:UKR.1:".length()));
        bytes[bytes.length - 1] ^= 1;
        String altered = "bag-v1:UKR.1:" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        BagException refused = assertThrows(BagException.class, () -> bag.open(ID, carrying(NOTICE, altered)));
        assertTrue(refused.getMessage().contains("altered"), refused.getMessage());
        assertThrows(BagException.class, () -> bag.open(ID, carrying(NOTICE, "bag-v1:UKR.1:!!")));
        assertThrows(BagException.class, () -> bag.open(ID, carrying(NOTICE, "bag-v1:UKR.1:AAAA")));
        assertThrows(BagException.class, () -> bag.open(ID, carrying(NOTICE, "bag-v1:Ukraine.1:AAAA")));
    }

    @Test
    void anotherDeploymentsSecretDoesNotOpenIt() {
        Notice travelling = carrying(NOTICE, bag.seal(ID, NOTICE));
        DiplomaticBag other = new DiplomaticBag(BagKeys.parse("1:" + BagKeys.newSecret()));
        assertThrows(BagException.class, () -> other.open(ID, travelling));
    }

    @Test
    void aRotationSealsWithTheNewKeyAndStillOpensTheOld() {
        Notice before = carrying(NOTICE, bag.seal(ID, NOTICE));
        DiplomaticBag rotated = new DiplomaticBag(BagKeys.parse(SECOND + "," + FIRST));
        Notice after = carrying(NOTICE, rotated.seal(ID, NOTICE));
        assertTrue(after.body().startsWith("bag-v1:UKR.2:"), after.body());
        assertEquals(BODY, rotated.open(ID, before));
        assertEquals(BODY, rotated.open(ID, after));
        BagException retired = assertThrows(BagException.class,
                () -> new DiplomaticBag(BagKeys.parse(SECOND)).open(ID, before));
        assertEquals("sealed with key UKR.1, which this ministry does not hold", retired.getMessage());
    }

    @Test
    void eachStateHasItsOwnKey() {
        BagKeys keys = BagKeys.parse(FIRST);
        assertFalse(Arrays.equals(((X25519PublicKeyParameters) keys.pair("UKR", 1).getPublic()).getEncoded(),
                ((X25519PublicKeyParameters) keys.pair("POL", 1).getPublic()).getEncoded()));
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
