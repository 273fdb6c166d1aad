package org.chancery.hotline.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.chancery.events.HopEvent;
import org.chancery.events.HopEvents;
import org.chancery.events.Lane;
import org.chancery.events.Service;
import org.chancery.events.registry.Hotline;
import org.chancery.events.registry.LinkStatus;
import org.chancery.hotline.domain.Lines;
import org.chancery.hotline.entity.LineStatus;
import org.chancery.hotline.entity.RingingCall;
import org.chancery.messaging.Emission;
import org.chancery.messaging.Outbox;
import org.chancery.messaging.OutboxRecord;
import org.chancery.messaging.Publisher;
import org.chancery.messaging.StatePublisher;
import org.jboss.logging.Logger;

/**
 * The operator's desk: the lines' status, published on {@code chancery.registry.hotlines} whenever
 * an operator declares a line down or up (and at start what changed, by {@link org.chancery.messaging.RegistryAtStart}),
 * and the calls left ringing.
 */
@ApplicationScoped
public class Operator {

    private static final Logger LOG = Logger.getLogger(Operator.class);
    /** The lines' registry: {@link org.chancery.messaging.RegistryAtStart} publishes it at start, this its changes. */
    private static final Service.Registry REGISTRY = Service.HOTLINE.registry().orElseThrow();

    @Inject
    Lines lines;

    @Inject
    Switchboard switchboard;

    @Inject
    StatePublisher publisher;

    @Inject
    Outbox outbox;

    /** Declares a line's status; the change reaches every ministry as an event. */
    public Hotline declare(String lineId, LinkStatus status, String note) {
        Hotline changed = publisher.publishChange(REGISTRY.topic(), REGISTRY.ceType(), lineId, () -> {
            LineStatus declared = LineStatus.<LineStatus>findByIdOptional(lineId).orElseGet(LineStatus::new);
            declared.lineId = lineId;
            declared.status = status;
            declared.note = note;
            declared.changedAt = Instant.now();
            declared.persist();
            return lines.find(lineId).orElseThrow();
        });
        LOG.infof("%s declared %s: %s", lineId, status, note);
        answerRingingCalls();
        return changed;
    }

    /** Delivers the calls whose line came up, and fails those that rang too long. */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void answerRingingCalls() {
        List<OutboxRecord> records = QuarkusTransaction.requiringNew().call(() -> {
            List<OutboxRecord> stored = new ArrayList<>();
            Instant now = Instant.now();
            List<RingingCall> calls = RingingCall.<RingingCall>findAll().withLock(LockModeType.PESSIMISTIC_WRITE)
                    .withHint("jakarta.persistence.lock.timeout", -2).list();
            for (RingingCall call : calls) {
                HopEvent dispatch = HopEvents.fromJson(call.dispatch);
                List<Emission> answer = switchboard.answer(dispatch, call, now);
                if (answer != null) {
                    Lane lane = Lane.of(dispatch.notice().precedence());
                    stored.addAll(outbox.store(answer.stream()
                            .map(e -> outbox.record(e.inLane(lane), call.dispatchEventId, null)).toList()));
                    call.delete();
                }
            }
            return stored;
        });
        publishQuietly(records);
    }

    private void publishQuietly(List<OutboxRecord> records) {
        try {
            outbox.publish(records);
        } catch (Publisher.PublishFailedException e) {
            LOG.warnf("not published yet; the outbox tries again: %s", e.getMessage());
        }
    }
}
