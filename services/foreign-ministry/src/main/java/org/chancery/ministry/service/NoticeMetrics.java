package org.chancery.ministry.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Locale;
import java.util.HashMap;
import java.util.Map;
import org.chancery.events.Channel;

/**
 * {@code chancery_notices_<outcome>_total{channel}}: how many notices reached each point, per
 * channel. Every counter exists from the start, at zero, so that rates work on a fresh stack; pairs
 * of states are the audit's summary to give, not a metric's (197 states make 39,000 series per
 * counter). A count is taken only once its transaction commits, so a retried batch never counts
 * twice.
 */
@Startup
@ApplicationScoped
public class NoticeMetrics implements Tally {

    /** The points a notice reaches that are counted. */
    public enum Outcome {
        ACCEPTED, DELIVERED, ACKNOWLEDGED, REJECTED, REROUTED, FAILED, OVERDUE
    }

    /** The channel tag of an outcome no channel reached. */
    private static final String NO_CHANNEL = "NONE";

    private record Key(Outcome outcome, String channel) {
    }

    @Inject
    MeterRegistry registry;

    @Inject
    TransactionSynchronizationRegistry transactions;

    private final Map<Key, Counter> counters = new HashMap<>();

    @PostConstruct
    void registerAll() {
        for (Outcome outcome : Outcome.values()) {
            register(outcome, NO_CHANNEL);
            for (Channel channel : Channel.values()) {
                register(outcome, channel.name());
            }
        }
    }

    @Override
    public void count(Outcome outcome, Channel channel) {
        Counter counter = counters.get(new Key(outcome, channel == null ? NO_CHANNEL : channel.name()));
        if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        counter.increment();
                    }
                }
            });
        } else {
            counter.increment();
        }
    }

    private void register(Outcome outcome, String channel) {
        String name = outcome.name().toLowerCase(Locale.ROOT);
        counters.put(new Key(outcome, channel), Counter.builder("chancery.notices." + name)
                .description("Notices " + name + ", per channel")
                .tags("channel", channel)
                .register(registry));
    }
}
