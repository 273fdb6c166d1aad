package org.chancery.events.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.KeyPair;
import java.util.List;
import java.util.UUID;
import org.chancery.events.Channel;
import org.chancery.events.Classification;
import org.chancery.events.HopEvent;
import org.chancery.events.HopEvents;
import org.chancery.events.HopHash;
import org.chancery.events.HopType;
import org.chancery.events.Notice;
import org.chancery.events.NoticeKind;
import org.chancery.events.Precedence;
import org.chancery.events.Route;
import org.junit.jupiter.api.Test;

class TrustedKeysTest {

    static final KeyPair MINISTRY = Ed25519Keys.generate();
    static final KeyPair EMBASSY = Ed25519Keys.generate();
    static final TrustedKeys TRUSTED = TrustedKeys.parse("foreign-ministry=" + Ed25519Keys.encode(MINISTRY.getPublic())
            + ", embassy=" + Ed25519Keys.encode(EMBASSY.getPublic()));

    static HopEvent dispatch() {
        Notice notice = Notice.of("USA", "DEU", NoticeKind.NOTE_VERBALE, Precedence.ROUTINE,
                Classification.UNCLASSIFIED, "Subject", "Body", null);
        return HopEvent.first(UUID.randomUUID(), "foreign-ministry", "ministry:USA", "embassy:USA@DEU", notice,
                List.of(new Route(Channel.EMBASSY, List.of("embassy:USA@DEU"), "test")));
    }

    static Authenticity check(HopEvent hop) {
        return TRUSTED.check(HopEvents.readTree(HopEvents.toJson(hop)));
    }

    @Test
    void aHopSignedByItsServiceIsGenuine() {
        HopEvent signed = new HopSigner(MINISTRY.getPrivate()).sign(dispatch());
        assertEquals(Authenticity.SIGNED, check(signed));
        assertEquals(signed.hash(), HopHash.of(HopEvents.readTree(HopEvents.toJson(signed))), "the signature is not hashed");
    }

    @Test
    void whatIsNotSignedByTheServiceItNamesIsNot() {
        assertEquals(Authenticity.UNSIGNED, check(dispatch()));
        assertEquals(Authenticity.FORGED, check(new HopSigner(EMBASSY.getPrivate()).sign(dispatch())),
                "the embassy's key does not sign for the ministry");
        assertEquals(Authenticity.FORGED, check(new HopSigner(Ed25519Keys.generate().getPrivate()).sign(dispatch())));
        assertEquals(Authenticity.FORGED, check(dispatch().signedWith("bm90IGEgc2lnbmF0dXJl")));
        assertEquals(Authenticity.FORGED, check(dispatch().signedWith("%%% not base64")));
        HopEvent stranger = HopEvents.fromJson(HopEvents.toJson(dispatch()).replace("\"foreign-ministry\"", "\"courier\""));
        assertEquals(Authenticity.UNKNOWN_SIGNER, check(new HopSigner(MINISTRY.getPrivate()).sign(stranger.sealed())));
    }

    @Test
    void contentChangedAfterSigningIsAltered() {
        String signed = HopEvents.toJson(new HopSigner(MINISTRY.getPrivate()).sign(dispatch()));
        assertEquals(Authenticity.ALTERED, TRUSTED.check(HopEvents.readTree(signed.replace("USA@DEU", "USA@FRA"))));
    }

    @Test
    void aServiceSigningAHopItMayNotEmitIsForged() {
        // The embassy's own key, on a dispatch in the embassy's name: only the ministry dispatches.
        HopEvent dispatchByEmbassy = HopEvents.fromJson(HopEvents.toJson(dispatch())
                .replace("\"service\":\"foreign-ministry\"", "\"service\":\"embassy\"")).sealed();
        assertEquals(Authenticity.FORGED, check(new HopSigner(EMBASSY.getPrivate()).sign(dispatchByEmbassy)));
        HopEvent signed = new HopSigner(MINISTRY.getPrivate()).sign(dispatch());
        // The ministry's own key, on a delivery in the ministry's name: only the channel delivers.
        HopEvent deliveredByMinistry = signed.next(HopType.NOTICE_DELIVERED, "foreign-ministry", "embassy:USA@DEU",
                "ministry:DEU").seal();
        assertEquals(Authenticity.FORGED, check(new HopSigner(MINISTRY.getPrivate()).sign(deliveredByMinistry)));
        // And the embassy delivering on the hotline channel is as wrong.
        HopEvent deliveredByEmbassy = signed.next(HopType.NOTICE_DELIVERED, "embassy", "embassy:USA@DEU",
                "ministry:DEU").seal();
        assertEquals(Authenticity.SIGNED, check(new HopSigner(EMBASSY.getPrivate()).sign(deliveredByEmbassy)));
        HopEvent onTheHotline = HopEvents.fromJson(HopEvents.toJson(deliveredByEmbassy)
                .replace("\"channel\":\"EMBASSY\"", "\"channel\":\"HOTLINE\"")).sealed();
        assertEquals(Authenticity.FORGED, check(new HopSigner(EMBASSY.getPrivate()).sign(onTheHotline)));
    }

    @Test
    void aBodyChangedOnTheWayIsCaughtThoughItIsOutsideTheHash() {
        String signed = HopEvents.toJson(new HopSigner(MINISTRY.getPrivate()).sign(dispatch()));
        String altered = signed.replace("\"body\":\"Body\"", "\"body\":\"Another text\"");
        assertEquals(Authenticity.BODY_ALTERED, TRUSTED.check(HopEvents.readTree(altered)));
        // Without the body (as kept by a party that may not read it), the hop is still genuine.
        String withoutBody = signed.replace("\"body\":\"Body\",", "");
        assertEquals(Authenticity.SIGNED, TRUSTED.check(HopEvents.readTree(withoutBody)));
    }

    @Test
    void keysAreWrittenServiceEqualsBase64() {
        assertThrows(IllegalArgumentException.class, () -> TrustedKeys.parse("embassy"));
        assertThrows(IllegalArgumentException.class, () -> TrustedKeys.parse("embassy=notakey"));
        assertEquals(true, TrustedKeys.parse(" , ").isEmpty());
    }

    @Test
    void aRegistryRecordHoldsForItsVersionOnly() {
        String topic = org.chancery.events.Topics.REGISTRY_MISSIONS;
        String version = "2026-12-06T05:30:00.123456Z";
        String signature = new HopSigner(EMBASSY.getPrivate()).signRecord(topic, "USA@DEU", version, "{}");
        assertEquals(Authenticity.SIGNED, TRUSTED.checkRecord(topic, "USA@DEU", version, "{}", signature));
        assertEquals(Authenticity.FORGED, TRUSTED.checkRecord(topic, "USA@DEU", "2026-12-06T05:31:00Z", "{}", signature),
                "a signature of one version does not hold for another");
        assertEquals(Authenticity.FORGED, TRUSTED.checkRecord(topic, "USA@DEU", null, "{}", signature),
                "nor for a record without a version");
        assertEquals(Authenticity.FORGED, TRUSTED.checkRecord(topic, "USA@FRA", version, "{}", signature));
        assertThrows(IllegalArgumentException.class,
                () -> new HopSigner(EMBASSY.getPrivate()).signRecord(topic, "USA@DEU", null, "{}"));
    }

    @Test
    void aRegistryRecordOfTheFirstReleaseHoldsWithoutAVersion() {
        String topic = org.chancery.events.Topics.REGISTRY_MISSIONS;
        String first = java.util.Base64.getEncoder().encodeToString(Ed25519Math.signing(EMBASSY.getPrivate())
                .sign(RegistrySignature.signedBytes(topic, "USA@DEU", null, "{}")));
        assertEquals(Authenticity.SIGNED, TRUSTED.checkRecord(topic, "USA@DEU", null, "{}", first));
        assertEquals(Authenticity.FORGED, TRUSTED.checkRecord(topic, "USA@DEU", "2026-12-06T05:30:00Z", "{}", first));
    }
}
