package org.chancery.ministry.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.chancery.events.Channel;
import org.chancery.events.HopEvent;
import org.chancery.events.HopGrammar;
import org.chancery.events.HopType;
import org.chancery.events.Party;
import org.chancery.events.Precedence;
import org.chancery.messaging.ConsumedHop;
import org.chancery.messaging.Emission;
import org.chancery.messaging.HopHandler;
import org.chancery.messaging.PoisonRecordException;
import org.chancery.messaging.Rehearsals;
import org.chancery.ministry.repository.NoticeChanges.Standing;
import org.chancery.ministry.repository.NoticeStore;

/**
 * The foreign ministries of every state, as the hops reach them: each hop goes to the part it is
 * for. A delivered notice to the {@link ReceivingMinistry}, which answers it, and to the sender's
 * {@link SenderFollowUp}, which learns it was delivered; a failure and a receipt to the follow-up.
 * Notices are taken in by the {@link Intake}; deadlines are kept by the {@link DeadlineKeeper}.
 */
@ApplicationScoped
public class Ministry implements HopHandler {

    /** The hops of a sent notice whose standing a batch reads, locked, before handling them. */
    private static final Set<HopType> ABOUT_SENT_NOTICES =
            EnumSet.of(HopType.NOTICE_DELIVERED, HopType.NOTICE_FAILED, HopType.RECEIPT_DELIVERED);
    /** The hops that answer an attempt of a sent notice, and must fit it ({@link HopGrammar}). */
    private static final Set<HopType> ANSWERING = EnumSet.of(HopType.NOTICE_FAILED, HopType.RECEIPT_DELIVERED);

    @Inject
    NoticeStore store;

    @Inject
    ReceivingMinistry receiving;

    @Inject
    SenderFollowUp followUp;

    @Inject
    Sealing sealing;

    /** A sealed note from Washington, delivered to Berlin by the embassy: opened, kept and answered. */
    @Override
    public List<HopEvent> rehearsal() {
        HopEvent dispatched = Rehearsals.dispatched(Rehearsals.notice("USA", "DEU", Precedence.ROUTINE),
                Channel.EMBASSY, Party.embassy("USA", "DEU"));
        return List.of(dispatched.next(HopType.NOTICE_DELIVERED, Channel.EMBASSY.service(), dispatched.to(),
                Party.ministry("DEU")).notice(sealing.seal(dispatched.noticeId(), dispatched.notice())).seal());
    }

    @Override
    public Work begin(List<ConsumedHop> hops) {
        Map<UUID, Standing> sent = store.lock(hops.stream().map(ConsumedHop::hop)
                .filter(h -> ABOUT_SENT_NOTICES.contains(h.type())).map(HopEvent::noticeId).distinct().toList());
        List<UUID> answered = hops.stream().map(ConsumedHop::hop).filter(h -> ANSWERING.contains(h.type()))
                .map(HopEvent::noticeId).filter(sent::containsKey).distinct().toList();
        return new Deliveries(sent, store.answerable(answered));
    }

    /** What channels hand to ministries in one batch: notices for them, failures, receipts for ones they sent. */
    private final class Deliveries implements Work {
        private final Map<UUID, Standing> sent;
        private final Map<UUID, NoticeStore.Answerable> answerable;
        private final BatchChanges changes = new BatchChanges();

        Deliveries(Map<UUID, Standing> sent, Map<UUID, NoticeStore.Answerable> answerable) {
            this.sent = sent;
            this.answerable = answerable;
        }

        @Override
        public List<Emission> handle(ConsumedHop consumed) {
            HopEvent hop = consumed.hop();
            return switch (hop.type()) {
                case NOTICE_DELIVERED -> {
                    List<Emission> answer = receiving.receive(hop, changes.now());
                    followUp.delivered(hop, sent.get(hop.noticeId()), changes.now());
                    yield answer;
                }
                case NOTICE_FAILED -> followUp.reroute(hop, standing(hop), answerable.get(hop.noticeId()), changes);
                case RECEIPT_DELIVERED -> followUp.recordReceipt(hop, standing(hop), answerable.get(hop.noticeId()),
                        changes.now());
                default -> List.of();
            };
        }

        @Override
        public void finish() {
            store.write(changes.now());
        }

        /** The sent notice a failure or a receipt is about: one that no ministry here sent is refused. */
        private Standing standing(HopEvent hop) {
            Standing standing = sent.get(hop.noticeId());
            if (standing == null) {
                throw new PoisonRecordException(hop.type().ceType() + " for notice " + hop.noticeId()
                        + ", which no ministry here sent");
            }
            return standing;
        }
    }
}
