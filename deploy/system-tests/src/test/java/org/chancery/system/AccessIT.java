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
import java.util.stream.Stream;
import org.chancery.local.LocalTokens;
import org.chancery.local.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Credentials as {@code make run} leaves them: private keys and tokens readable by their owner
 * only, and a token revoked with the launcher's {@code revoke} command refused by every service
 * within seconds.
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
        Main.main(new String[] {"revoke", "--token", auditor, "--home", RunningSystem.logs().getParent().toString(),
                "--kafka", RunningSystem.stack().bootstrapServers()});
        for (String read : reads) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().header("Authorization", "Bearer " + auditor)
                    .get(read).then().statusCode(401).body("title", equalTo("Token revoked")));
            given().header("Authorization", "Bearer " + sibling).get(read).then().statusCode(200);
        }
    }
}
