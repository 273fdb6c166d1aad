package org.chancery.ministry.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.chancery.events.NoticeKind;
import org.chancery.events.Precedence;
import org.chancery.messaging.Database;
import org.chancery.messaging.WarmupStep;
import org.chancery.ministry.domain.RouteQuery;
import org.chancery.ministry.entity.Attempt;
import org.chancery.ministry.entity.Circular;
import org.chancery.ministry.entity.SentNotice;
import org.chancery.ministry.repository.NoticeStore;

/**
 * What a ministry's first notice touches beside the hop pipeline (whose rehearsal seals and opens a
 * bag, {@link Ministry#rehearsal()}) and the REST API ({@code rest.ApiWarmup}): a route planned,
 * and a sent notice read as following it reads it; all off the record.
 */
@ApplicationScoped
public class MinistryWarmup implements WarmupStep {

    /** How long planning waits for the channels' registries; readiness waits for them anyway. */
    private static final Duration REGISTRY_WAIT = Duration.ofSeconds(60);

    @Inject
    Planning planning;

    @Inject
    NoticeStore store;

    @Inject
    Database database;

    @Override
    public String what() {
        return "route planning, and following a notice";
    }

    @Override
    public void run() {
        UUID id = UUID.randomUUID();
        long registries = System.nanoTime() + REGISTRY_WAIT.toNanos();
        while (!planning.ready() && System.nanoTime() < registries) {
            pause();
        }
        planning.plan(RouteQuery.of("USA", "DEU", NoticeKind.NOTE_VERBALE, Precedence.ROUTINE));
        database.rolledBack(() -> {
            store.lock(List.of(id));
            store.whole(id, false);
            // What following a notice reads.
            SentNotice.findById(id);
            Circular.findById(id);
            SentNotice sent = new SentNotice();
            sent.id = id;
            sent.history();
            Attempt.of(id);
        });
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
