package org.chancery.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.chancery.events.Channel;
import org.chancery.events.HopEvent;
import org.chancery.events.HopEvents;
import org.chancery.events.HopType;
import org.chancery.events.Party;
import org.chancery.events.Precedence;
import org.chancery.events.Topics;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Rehearses at start-up, off the record, what a first hop touches: the producer learns the topics
 * the service writes; a hop is signed, written, read and checked; a first batch of the hops the
 * service consumes ({@link HopHandler#rehearsal()}) runs through the pipeline (inbox, handler,
 * outbox) in a transaction that is rolled back; then the service's own {@link WarmupStep}s. Nothing
 * is sent, kept or counted. The service is not ready until it is done, so that the first
 * notice after a start moves as fast as the hundredth.
 */
@ApplicationScoped
public class Warmup {

    private static final Logger LOG = Logger.getLogger(Warmup.class);
    private static final long RETRY_MILLIS = 500;

    @Inject
    Publisher publisher;

    @Inject
    HopSigning signing;

    @Inject
    HopHandler handler;

    @Inject
    HopPipeline pipeline;

    @Inject
    @Any
    Instance<WarmupStep> steps;

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    private volatile String doing = "not started";
    private volatile boolean done;
    /** How long each step took, in ms, for the log line that says it is done. */
    private final Map<String, Long> took = new LinkedHashMap<>();

    void start(@Observes StartupEvent event) {
        Thread thread = new Thread(this::run, service + "-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether the rehearsal is over. */
    public boolean done() {
        return done;
    }

    /** What the rehearsal is doing, while it is not done. */
    public String doing() {
        return doing;
    }

    private void run() {
        long started = System.nanoTime();
        // Retried until it succeeds: a service whose producer does not know its topics is not ready.
        doing = "learning the topics it writes from the broker";
        List<String> topics = Topics.writtenBy(service);
        long learning = System.nanoTime();
        while (!learned(topics)) {
            sleep();
        }
        took.put("topics", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - learning));
        if (HopType.emitters().contains(service)) {
            once("signing, writing, reading and checking a hop", this::rehearseHop);
        }
        List<HopEvent> consumed = handler.rehearsal();
        if (!consumed.isEmpty()) {
            once("a first batch of the hops it consumes", () -> {
                pipeline.rehearse(consumed);
                return null;
            });
        }
        for (WarmupStep step : steps) {
            once(step.what(), () -> {
                step.run();
                return null;
            });
        }
        done = true;
        LOG.infof("warmed up in %d ms (ms per step: %s)", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                took);
    }

    private boolean learned(List<String> topics) {
        try {
            publisher.learn(topics);
            return true;
        } catch (RuntimeException e) {
            LOG.infof("the broker did not yet give the metadata of %s: %s", topics, e.toString());
            return false;
        }
    }

    /** A hop this service may emit, signed, as JSON, read back and checked as a consumer checks it. */
    private Void rehearseHop() {
        Channel channel = Arrays.stream(Channel.values()).filter(c -> c.service().equals(service))
                .findFirst().orElse(Channel.EMBASSY);
        HopEvent dispatched = Rehearsals.dispatched(Rehearsals.notice("USA", "DEU", Precedence.ROUTINE), channel,
                channel.name().toLowerCase(Locale.ROOT) + ":rehearsal");
        HopEvent hop = service.equals(HopType.MINISTRY_SERVICE) ? dispatched
                : dispatched.next(HopType.NOTICE_DELIVERED, service, dispatched.to(), Party.ministry("DEU")).seal();
        JsonNode read = HopEvents.readTree(signing.signedJson(hop));
        HopEvents.fromTree(read);
        if (!signing.check(read).genuine()) {
            LOG.warnf("a hop this service signed does not check as genuine: are its keys a pair?");
        }
        return null;
    }

    private <T> T once(String what, Supplier<T> step) {
        doing = what;
        long started = System.nanoTime();
        try {
            return step.get();
        } catch (RuntimeException e) {
            // A rehearsal that fails leaves the first notice slower, not wrong.
            LOG.infof(e, "warm-up: %s failed", what);
            return null;
        } finally {
            took.put(what, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(RETRY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
