package org.chancery.ministry.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.chancery.events.Channel;

/**
 * {@code chancery_notices_<outcome>_total{channel, from, to}}: how many notices reached each
 * point, per channel and pair of states. A count is taken only once its transaction commits, so a
 * retried batch never counts twice. Each counter is registered once, the first time it counts.
 */
@ApplicationScoped
public class NoticeMetrics {

    /** The points a notice reaches that are counted. */
    public enum Outcome {
        ACCEPTED, DELIVERED, ACKNOWLEDGED, REJECTED, REROUTED, FAILED, OVERDUE
    }

    private record Key(Outcome outcome, Channel channel, String from, String to) {
    }

    @Inject
    MeterRegistry registry;

    @Inject
    TransactionSynchronizationRegistry transactions;

    private final Map<Key, Counter> counters = new ConcurrentHashMap<>();

    public void count(Outcome outcome, Channel channel, String from, String to) {
        Counter counter = counters.computeIfAbsent(new Key(outcome, channel, from, to), this::register);
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

    private Counter register(Key key) {
        String name = key.outcome().name().toLowerCase(Locale.ROOT);
        return Counter.builder("chancery.notices." + name)
                .description("Notices " + name + ", per channel and pair of states")
                .tags("channel", key.channel() == null ? "NONE" : key.channel().name(), "from", key.from(), "to", key.to())
                .register(registry);
    }
}
