package org.chancery.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.GroupState;
import org.chancery.local.BrokerAccess;
import org.chancery.local.ChildProcess;
import org.chancery.local.Stack;
import org.chancery.local.StackSettings;
import org.chancery.testkit.BrokerClients;
import org.chancery.testkit.FreshDatabase;
import org.junit.jupiter.api.Test;

/**
 * Three replicas of every service on a cluster of three brokers. Two thousand notices over every
 * channel, sent to the ministry's replicas in turn, a quarter of them with a deadline of seconds so
 * that routes escalate and notices go OVERDUE while it runs; a sixth of the way in, every hotline
 * replica hangs for a few seconds, so that deconfliction notices escalate from their lines; a third
 * of the way in, one replica of each service is killed with SIGKILL and stays dead, and a new one of
 * each is started. Every
 * accepted notice ends exactly once with its path verified, no hop is kept twice, and each
 * escalation and each OVERDUE transition happens once, whichever replica's deadline keeper ran it.
 * The time from the kill until the dead replica's partitions are consumed again is recorded.
 * Runs on a stack of its own, in the {@code crash} profile.
 */
class ScaleOutCrashIT {

    static final int NOTICES = Integer.getInteger("chancery.scale-out.notices", 2000);
    static final int REPLICAS = 3;
    /** The replica of each service that is killed: the second. */
    static final int VICTIM = 1;
    static final List<String> SERVICES = List.of("foreign-ministry", "embassy", "hotline", "protecting-power", "audit");
    /** Every fourth notice must arrive within this: it escalates halfway, and is OVERDUE after it. */
    static final Duration TIGHT_DEADLINE = Duration.ofSeconds(3);
    static final Duration SETTLE = Duration.ofMinutes(8);
    /**
     * How long every hotline replica hangs: longer than half the tight deadline, so that the tight
     * USA→RUS deconfliction notices sent meanwhile escalate from their lines to the embassy. Without
     * it, escalations would follow only from which partitions the killed replicas held, as most
     * routes have no fallback.
     */
    static final Duration HOTLINES_HUNG = Duration.ofSeconds(5);

    private final List<String> ministries = new CopyOnWriteArrayList<>();
    private final List<String> audits = new CopyOnWriteArrayList<>();
    private Submitter client;

    @Test
    void threeReplicasOfEachServiceLoseOneAndNothingIsLostOrDoneTwice() throws Exception {
        Path root = Path.of(System.getProperty("chancery.root", "../../..")).toAbsolutePath().normalize();
        Path home = Files.createTempDirectory(root.resolve("deploy/tests/system-tests/target"), "replicas-");
        Map<String, String> env = Map.of("CHANCERY_MINISTRY_RETURN_RULES_FILE",
                root.resolve("deploy/tests/system-tests/src/test/resources/return-rules.json").toString(),
                "CHANCERY_HOTLINE_ANSWER_TIMEOUT", "5s");
        try (FreshDatabase db = FreshDatabase.create(home);
                Stack stack = Stack.start(StackSettings.forTests(root, home, db.url(), db.user(), db.password(), env)
                        .withBrokers(3).withReplicas(REPLICAS), System.out)) {
            BrokerClients.register(stack.bootstrapServers(), stack.kafkaClient(BrokerAccess.ADMIN));
            client = new Submitter(stack.url("foreign-ministry"), stack.tokens());
            for (int i = 0; i < REPLICAS; i++) {
                ministries.add(stack.url("foreign-ministry", i));
                audits.add(stack.url("audit", i));
            }

            List<String> accepted = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger unanswered = new AtomicInteger();
            Map<String, Duration> takenOver = new ConcurrentHashMap<>();
            Map<String, Duration> added = new ConcurrentHashMap<>();
            long started = System.nanoTime();
            Thread killer = new Thread(() -> {
            hangHotlines(stack, accepted);
            replaceOneOfEach(stack, accepted, takenOver, added);
        }, "killer");
            killer.start();
            for (int i = 0; i < NOTICES; i++) {
                String[] route = Submitter.ROUTES.get(i % Submitter.ROUTES.size());
                int n = i;
                accepted.add(client.submitUntilAccepted(attempt -> ministries.get((n + attempt) % ministries.size()),
                        route, () -> n % 4 == 3 ? Instant.now().plus(TIGHT_DEADLINE) : null, unanswered));
                Thread.sleep(20); // about 40 notices a second, so that the kills land while notices flow
            }
            killer.join(Duration.ofMinutes(6).toMillis());
            assertEquals(Set.copyOf(SERVICES), takenOver.keySet(), "each killed replica's partitions were taken over");
            assertEquals(Set.copyOf(SERVICES), added.keySet(), "a new replica of each service started");

            // Any replica answers for any notice: each question goes to the next.
            Map<String, String> outcome = client.awaitEveryOutcome(accepted,
                    n -> ministries.get(n % ministries.size()), SETTLE);
            long seconds = (System.nanoTime() - started) / 1_000_000_000;
            Map<String, Integer> byStatus = new LinkedHashMap<>();
            outcome.values().forEach(s -> byStatus.merge(s, 1, Integer::sum));
            List<String> unverified = unverifiedPaths(accepted, outcome);
            Map<String, Integer> doubles = Doubles.count(db.url(), db.user(), db.password(), accepted);
            Map<String, Integer> timed = Doubles.timedWork(db.url(), db.user(), db.password(), accepted);
            String report = String.format("scale-out test: %d replicas of each service, 3 brokers; %d notices accepted "
                            + "in %d s, %d requests unanswered and retried; replica %d of each killed with SIGKILL, its "
                            + "partitions consumed again after %s; new replicas ready in %s; outcomes %s; paths not "
                            + "verified or not ended %d; doubles %s; timed work %s", REPLICAS, accepted.size(), seconds,
                    unanswered.get(), VICTIM, takenOver, added, byStatus, unverified.size(), doubles, timed);
            System.out.println(report);
            Files.writeString(Path.of("target/scale-out-report.txt"), report + "\n");

            assertEquals(NOTICES, Set.copyOf(accepted).size(), "each accepted notice has its own id");
            assertEquals(NOTICES, outcome.size(), "every accepted notice ended");
            assertTrue(unverified.isEmpty(), unverified.size() + " paths: "
                    + unverified.subList(0, Math.min(10, unverified.size())));
            assertEquals(Doubles.NONE, doubles);
            assertTrue(timed.get("escalations") > 0, "deadlines made routes escalate: " + timed);
            assertTrue(timed.get("overdue") > 0, "deadlines passed during the run: " + timed);
            assertEquals(timed.get("overdue"), timed.get("overdue hops"), "each OVERDUE transition published once");
            assertEquals(0, timed.get("escalations twice"), "each escalation once: " + timed);
            assertEquals(0, timed.get("overdue twice"), "each OVERDUE once: " + timed);
        }
    }

    /**
     * A third of the way in: SIGKILL to one replica of each service, which stays dead; the time
     * until each service's group has handed its partitions to the replicas left; then a new replica
     * of each, as a scaled-out deployment replaces a lost pod.
     */
    private void replaceOneOfEach(Stack stack, List<String> accepted, Map<String, Duration> takenOver,
            Map<String, Duration> added) {
        try (Admin admin = Admin.create(BrokerClients.config(stack.bootstrapServers()))) {
            while (accepted.size() < NOTICES / 3) {
                Thread.sleep(50);
            }
            Map<String, Integer> partitions = new LinkedHashMap<>();
            for (String service : SERVICES) {
                partitions.put(service, assigned(describe(admin, service)));
            }
            long killed = System.nanoTime();
            for (String service : SERVICES) {
                stack.child(StackSettings.instanceName(service, VICTIM)).crash();
            }
            // As a load balancer would, once its probe fails: requests sent meanwhile get no answer.
            ministries.remove(stack.url("foreign-ministry", VICTIM));
            audits.remove(stack.url("audit", VICTIM));
            System.out.printf("replica %d of every service killed after %d notices accepted%n", VICTIM, accepted.size());
            for (String service : SERVICES) {
                takenOver.put(service, awaitTakenOver(admin, service, partitions.get(service), killed));
            }
            for (String service : SERVICES) {
                long start = System.nanoTime();
                ChildProcess replica = stack.addInstance(service);
                added.put(service, Duration.ofNanos(System.nanoTime() - start));
                System.out.println(replica.name() + " started in place of the dead replica");
                if (service.equals("foreign-ministry")) {
                    ministries.add(stack.url(service, REPLICAS));
                } else if (service.equals("audit")) {
                    audits.add(stack.url(service, REPLICAS));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A sixth of the way in: SIGSTOP to every hotline replica, as to a hung process, and SIGCONT
     * after {@link #HOTLINES_HUNG}.
     */
    private static void hangHotlines(Stack stack, List<String> accepted) {
        List<ChildProcess> hotlines = new ArrayList<>();
        for (int i = 0; i < REPLICAS; i++) {
            hotlines.add(stack.child(StackSettings.instanceName("hotline", i)));
        }
        try {
            while (accepted.size() < NOTICES / 6) {
                Thread.sleep(50);
            }
            hotlines.forEach(ChildProcess::pause);
            try {
                Thread.sleep(HOTLINES_HUNG.toMillis()); // the hang itself: notices keep arriving meanwhile
            } finally {
                hotlines.forEach(ChildProcess::resume);
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        System.out.printf("every hotline replica hung for %s after %d notices accepted%n", HOTLINES_HUNG,
                accepted.size());
    }

    private static ConsumerGroupDescription describe(Admin admin, String group) throws Exception {
        return admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get();
    }

    private static int assigned(ConsumerGroupDescription group) {
        return group.members().stream().mapToInt(m -> m.assignment().topicPartitions().size()).sum();
    }

    /**
     * Waits until the group is stable without the dead replica's consumers (their static ids are
     * {@code <service>-<instance>-<lane>}) and every partition it had is assigned again.
     */
    private static Duration awaitTakenOver(Admin admin, String service, int partitions, long killed) throws Exception {
        String dead = service + "-" + VICTIM + "-";
        long deadline = killed + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            ConsumerGroupDescription group = describe(admin, service);
            boolean gone = group.members().stream().map(MemberDescription::groupInstanceId)
                    .noneMatch(id -> id.map(i -> i.startsWith(dead)).orElse(false));
            if (gone && group.groupState() == GroupState.STABLE && assigned(group) == partitions) {
                return Duration.ofNanos(System.nanoTime() - killed);
            }
            Thread.sleep(100);
        }
        throw new AssertionError(service + ": partitions of the dead replica not taken over in 2 minutes");
    }

    /** Paths the audit's replicas, asked in turn, do not show verified and ended as the ministry says. */
    private List<String> unverifiedPaths(List<String> ids, Map<String, String> outcome) {
        List<String> unverified = new ArrayList<>();
        int asked = 0;
        for (String id : ids) {
            JsonNode path = read(audits.get(asked++ % audits.size()) + "/notices/" + id + "/path");
            boolean ended = "ACKNOWLEDGED".equals(outcome.get(id)) || "REJECTED".equals(outcome.get(id))
                    ? path.path("complete").asBoolean() : "FAILED".equals(path.path("status").asText());
            if (!path.path("verified").asBoolean() || !ended) {
                unverified.add(id + " " + path.path("status").asText() + " " + path.path("findings"));
            }
        }
        return unverified;
    }

    private JsonNode read(String url) {
        try {
            return client.get(url);
        } catch (IOException e) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
    }
}
