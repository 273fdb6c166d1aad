package org.chancery.ministry.service;

import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;
import org.chancery.events.Digests;
import org.chancery.events.Notice;
import org.chancery.events.bag.BagException;
import org.chancery.events.bag.BagKeys;
import org.chancery.events.bag.DiplomaticBag;
import org.chancery.events.bag.SealedBody;
import org.chancery.messaging.PoisonRecordException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The diplomatic bag at the ministries: a body is sealed for the receiving state's ministry before
 * its first hop, travels sealed past every embassy, line, protecting power and the broker, and is
 * opened on delivery (ADR 0017). The ministry will not start without a bag secret.
 */
@Startup
@ApplicationScoped
public class Sealing {

    private static final Logger LOG = Logger.getLogger(Sealing.class);

    @ConfigProperty(name = "chancery.bag.secrets")
    Optional<String> secrets;

    private DiplomaticBag bag;

    @PostConstruct
    void load() {
        BagKeys keys = BagKeys.parse(secrets.orElse(""));
        if (keys.isEmpty()) {
            throw new IllegalStateException("no bag secret: set CHANCERY_BAG_SECRETS (see docs/reliability.md)");
        }
        bag = new DiplomaticBag(keys);
        LOG.infof("bodies sealed with HPKE (X25519, ChaCha20-Poly1305), key generation %d", keys.current());
    }

    /** The notice as it travels: its body sealed for the receiver, and the digest of the sealed body. */
    public Notice seal(UUID noticeId, Notice notice) {
        String sealed = bag.seal(noticeId, notice);
        return notice.carrying(sealed, Digests.sha256Hex(sealed));
    }

    /**
     * The body of a delivered notice, opened. One that is not sealed, or does not open as the
     * sending state's bag for this notice as it stands, is refused: the record goes to the
     * dead-letter topic and the notice is not received.
     */
    public String open(UUID noticeId, Notice notice) {
        if (!SealedBody.isSealed(notice.body())) {
            throw new PoisonRecordException("BAG_UNOPENED: the body is not sealed: a ministry seals every body "
                    + "it sends, so this one was opened or replaced on the way");
        }
        try {
            return bag.open(noticeId, notice);
        } catch (BagException e) {
            throw new PoisonRecordException("BAG_UNOPENED: the sealed body " + e.getMessage());
        }
    }
}
