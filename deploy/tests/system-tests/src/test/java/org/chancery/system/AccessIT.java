package org.chancery.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.chancery.events.Topics;
import org.chancery.local.BrokerAccess;
import org.chancery.local.ChildProcess;
import org.chancery.local.LocalTokens;
import org.chancery.local.Main;
import org.chancery.local.Stack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Credentials as {@code make run} leaves them: private keys and tokens readable by their owner
 * only, and a token revoked with the launcher's {@code revoke} command refused by every service
 * within seconds, and still refused once the broker has lost the revocation.
 */
@ExtendWith(RunningSystem.class)
class AccessIT {

    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void keysAndTokensAreReadableByTheirOwnerOnly() throws Exception {
        Path home = RunningSystem.logs().getParent();
        for (String folder : List.of("keys", "tokens")) {
            try (Stream<Path> all = Files.walk(home.resolve(folder))) {
                List<Path> paths = all.toList();
                assertFalse(paths.stream().filter(Files::isRegularFile).toList().isEmpty(), folder);
                for (Path path : paths) {
                    String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
                    if (Files.isDirectory(path)) {
                        assertEquals("rwx------", mode, path.toString());
                    } else if (!path.toString().endsWith(".pub")) {
                        assertEquals("rw-------", mode, path.toString());
                    }
                }
            }
        }
    }

    @Test
    void aRevokedTokenIsRefusedByEveryServiceWithinSeconds() throws Exception {
        LocalTokens tokens = RunningSystem.stack().tokens();
        String auditor = tokens.auditor(HOUR);
        String sibling = tokens.auditor(HOUR);
        List<String> reads = List.of(Notices.ministry() + "/routes?from=USA&to=DEU",
                RunningSystem.stack().url("hotline") + "/hotlines", Notices.audit() + "/summary");
        for (String read : reads) {
            given().header("Authorization", "Bearer " + auditor).get(read).then().statusCode(200);
        }
        assertEquals(0, Main.commandLine().execute("revoke", "--token", auditor, "--home",
                RunningSystem.logs().getParent().toString(), "--kafka", RunningSystem.stack().bootstrapServers()));
        for (String read : reads) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().header("Authorization", "Bearer " + auditor)
                    .get(read).then().statusCode(401).body("title", equalTo("Token revoked")));
            given().header("Authorization", "Bearer " + sibling).get(read).then().statusCode(200);
        }
    }

    /**
     * Whoever holds the token issuer's broker password writes a tombstone over a revocation, and the
     * broker loses the topic (compaction would take the revocation with the tombstone; a broker's
     * data can be lost). The ministry, restarted, still refuses the token: it kept the revocation.
     */
    @Test
    void aRevokedTokenStaysRevokedWhenTheBrokerLosesTheRevocation() throws Exception {
        Stack stack = RunningSystem.stack();
        String revoked = stack.tokens().auditor(HOUR);
        String sibling = stack.tokens().auditor(HOUR);
        String read = Notices.ministry() + "/routes?from=USA&to=DEU";
        assertEquals(0, Main.commandLine().execute("revoke", "--token", revoked, "--home",
                RunningSystem.logs().getParent().toString(), "--kafka", stack.bootstrapServers()));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().header("Authorization", "Bearer " + revoked)
                .get(read).then().statusCode(401).body("title", equalTo("Token revoked")));

        try (KafkaProducer<String, String> issuer = new KafkaProducer<>(stack.kafkaClient(BrokerAccess.TOKEN_ISSUER),
                new StringSerializer(), new StringSerializer())) {
            issuer.send(new ProducerRecord<>(Topics.TOKENS_REVOKED, LocalTokens.revocationKey(revoked), null))
                    .get(10, TimeUnit.SECONDS);
        }
        Topics.TopicSpec spec = Topics.CATALOGUE.stream().filter(t -> t.name().equals(Topics.TOKENS_REVOKED))
                .findFirst().orElseThrow();
        try (Admin admin = Admin.create(stack.kafkaClient(BrokerAccess.ADMIN))) {
            admin.deleteTopics(List.of(spec.name())).all().get(30, TimeUnit.SECONDS);
            NewTopic empty = new NewTopic(spec.name(), Optional.of(spec.partitions()), Optional.empty()).configs(spec.config());
            // Deleting a topic finishes in the background: it can be created again once it is gone.
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(spec.name()));
            admin.createTopics(List.of(empty)).all().get(30, TimeUnit.SECONDS);
        }

        ChildProcess ministry = stack.child("foreign-ministry");
        int restarts = ministry.restarts();
        ministry.kill();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> ministry.restarts() > restarts
                        && given().get(stack.url("foreign-ministry") + "/q/health/ready").statusCode() == 200);
        given().header("Authorization", "Bearer " + revoked).get(read).then().statusCode(401)
                .body("title", equalTo("Token revoked"));
        given().header("Authorization", "Bearer " + sibling).get(read).then().statusCode(200);
    }
}
