package org.chancery.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.chancery.events.Topics;
import org.chancery.local.BrokerAccess;
import org.chancery.local.Stack;
import org.chancery.local.StackSettings;
import org.chancery.testkit.BrokerClients;
import org.chancery.testkit.FreshDatabase;
import org.junit.jupiter.api.Test;

/**
 * A cluster of three brokers, every partition kept on all three and written to at least two. One
 * broker is killed with SIGKILL while notices flow and stays down: the flow goes on, and every
 * notice accepted before, during and after is delivered and its path verified. Runs on a stack of
 * its own, in the {@code crash} profile.
 */
class BrokerCrashIT {

    static final int NOTICES = Integer.getInteger("chancery.broker-crash.notices", 600);

    @Test
    void aClusterLosesABrokerMidLoadAndNothingIsLost() throws Exception {
        Path root = Path.of(System.getProperty("chancery.root", "../../..")).toAbsolutePath().normalize();
        Path home = Files.createTempDirectory(root.resolve("deploy/tests/system-tests/target"), "cluster-");
        try (FreshDatabase db = FreshDatabase.create(home);
                Stack stack = Stack.start(StackSettings.forTests(root, home, db.url(), db.user(), db.password(),
                        Map.of()).withBrokers(3), System.out)) {
            BrokerClients.register(stack.bootstrapServers(), stack.kafkaClient(BrokerAccess.ADMIN));
            assertEveryTopicIsReplicatedThriceAndWrittenToTwice(stack.bootstrapServers());

            Submitter client = new Submitter(stack.url("foreign-ministry"), stack.tokens());
            List<String> accepted = new ArrayList<>();
            Map<Integer, Integer> answers = new TreeMap<>();
            for (int i = 0; i < NOTICES; i++) {
                if (i == NOTICES / 3) {
                    int led = partitionsLedBy(stack.bootstrapServers(), 2);
                    assertTrue(led > 0, "the broker to kill leads some hop partitions");
                    stack.child("kafka-2").crash();
                    System.out.println("kafka-2, leader of " + led + " hop partitions, killed after " + accepted.size()
                            + " notices accepted");
                }
                try {
                    Submitter.Answer answer = client.submit(Submitter.ROUTES.get(i % Submitter.ROUTES.size()));
                    answers.merge(answer.status(), 1, Integer::sum);
                    if (answer.id() != null) {
                        accepted.add(answer.id());
                    }
                } catch (IOException e) {
                    answers.merge(-1, 1, Integer::sum);
                }
            }
            System.out.printf("broker crash: answers %s, %d accepted, two brokers of three left%n", answers,
                    accepted.size());
            assertTrue(accepted.size() >= NOTICES * 0.95, "the ministry kept taking notices: " + answers);

            List<String> notVerified = new ArrayList<>();
            for (String id : accepted) {
                if (!awaitVerifiedAndEnded(client, stack.url("audit"), id)) {
                    notVerified.add(id);
                }
            }
            // What the ministry and the audit say of each, for whoever reads a failure.
            for (String id : notVerified) {
                System.out.println("not complete: " + id + "\n  ministry: " + describe(client, stack.url("foreign-ministry")
                        + "/notices/" + id) + "\n  audit: " + describe(client, stack.url("audit") + "/notices/" + id + "/path"));
            }
            assertEquals(List.of(), notVerified, "paths not complete and verified with a broker down");
        }
    }

    private static void assertEveryTopicIsReplicatedThriceAndWrittenToTwice(String bootstrap) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            for (TopicDescription topic : admin.describeTopics(Topics.HOP_TOPICS).allTopicNames().get().values()) {
                topic.partitions().forEach(p -> assertEquals(3, p.replicas().size(), topic.name() + " " + p.partition()));
            }
            ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, "1");
            assertEquals("2", admin.describeConfigs(List.of(broker)).all().get().get(broker)
                    .get("min.insync.replicas").value());
        }
    }

    private static int partitionsLedBy(String bootstrap, int broker) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            return (int) admin.describeTopics(Topics.HOP_TOPICS).allTopicNames().get().values().stream()
                    .flatMap(t -> t.partitions().stream())
                    .filter(p -> p.leader() != null && p.leader().id() == broker).count();
        }
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(BrokerClients.config(bootstrap));
    }

    private static String describe(Submitter client, String url) {
        try {
            return client.get(url).toString();
        } catch (IOException e) {
            return "no answer: " + e;
        }
    }

    private static boolean awaitVerifiedAndEnded(Submitter client, String audit, String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                JsonNode path = client.get(audit + "/notices/" + id + "/path");
                if (path.path("complete").asBoolean() && path.path("verified").asBoolean()) {
                    return true;
                }
            } catch (IOException e) {
                // Not answered yet: ask again.
            }
            Thread.sleep(200);
        }
        return false;
    }
}
