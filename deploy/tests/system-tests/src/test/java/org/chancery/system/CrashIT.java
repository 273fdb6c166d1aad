package org.chancery.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.chancery.local.ChildProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two thousand notices through every channel while each service in turn is killed with SIGKILL
 * and restarted by the supervisor. Every notice the ministry accepted must end ACKNOWLEDGED,
 * REJECTED or FAILED (with its reason) exactly once, and its audit path must be verified, with
 * no hop twice. Runs in the {@code crash} profile ({@code make test} runs it after the others).
 */
@ExtendWith(RunningSystem.class)
class CrashIT {

    static final int NOTICES = Integer.getInteger("chancery.crash.notices", 2000);
    static final List<String> VICTIMS = List.of("embassy", "hotline", "protecting-power", "audit", "foreign-ministry");
    static final Duration SETTLE = Duration.ofMinutes(8);

    private final Submitter client = new Submitter(Notices.ministry(), RunningSystem.stack().tokens());

    @Test
    void everyAcceptedNoticeEndsExactlyOnceWhateverIsKilled() throws Exception {
        List<String> accepted = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger unanswered = new AtomicInteger();
        Map<String, Integer> killedAt = new LinkedHashMap<>();
        long started = System.nanoTime();

        Thread killer = new Thread(() -> killEachInTurn(accepted, killedAt), "killer");
        killer.start();
        for (int i = 0; i < NOTICES; i++) {
            String[] route = Submitter.ROUTES.get(i % Submitter.ROUTES.size());
            accepted.add(client.submitUntilAccepted(attempt -> Notices.ministry(), route, () -> null, unanswered));
            Thread.sleep(20); // about 40 notices a second, so that the kills land while notices flow
        }
        killer.join(Duration.ofMinutes(5).toMillis());
        assertEquals(VICTIMS, List.copyOf(killedAt.keySet()), "every service was killed while notices flowed");

        Map<String, String> outcome = client.awaitEveryOutcome(accepted, n -> Notices.ministry(), SETTLE);
        long seconds = (System.nanoTime() - started) / 1_000_000_000;
        Map<String, Integer> byStatus = new LinkedHashMap<>();
        outcome.values().forEach(s -> byStatus.merge(s, 1, Integer::sum));

        List<String> unverified = new ArrayList<>();
        for (String id : accepted) {
            JsonNode path = client.get(Notices.audit() + "/notices/" + id + "/path");
            boolean ended = "ACKNOWLEDGED".equals(outcome.get(id)) || "REJECTED".equals(outcome.get(id))
                    ? path.path("complete").asBoolean() : "FAILED".equals(path.path("status").asText());
            if (!path.path("verified").asBoolean() || !ended) {
                unverified.add(id + " " + path.path("status").asText() + " " + path.path("findings"));
            }
        }
        Map<String, Integer> database = Doubles.count(RunningSystem.database().url(), RunningSystem.database().user(),
                RunningSystem.database().password(), accepted);
        String report = String.format("crash test: %d notices accepted in %d s, %d requests unanswered and retried, "
                        + "services killed with SIGKILL at accepted counts %s, outcomes %s, paths not verified or "
                        + "not ended %d, doubles %s", accepted.size(), seconds, unanswered.get(), killedAt, byStatus,
                unverified.size(), database);
        System.out.println(report);
        Files.writeString(Path.of("target/crash-report.txt"), report + "\n");

        assertEquals(NOTICES, Set.copyOf(accepted).size(), "each accepted notice has its own id");
        assertEquals(NOTICES, outcome.size(), "every accepted notice ended");
        assertTrue(unverified.isEmpty(), unverified.size() + " paths: " + unverified.subList(0, Math.min(10, unverified.size())));
        assertEquals(Doubles.NONE, database);
        for (String service : VICTIMS) {
            assertTrue(RunningSystem.stack().child(service).restarts() >= 1, service + " was restarted");
        }
    }

    /** Kills each service once, spread over the run, and waits for the supervisor to bring it back. */
    private void killEachInTurn(List<String> accepted, Map<String, Integer> killedAt) {
        try {
            for (int i = 0; i < VICTIMS.size(); i++) {
                int at = NOTICES * (i + 1) / (VICTIMS.size() + 1);
                while (accepted.size() < at) {
                    Thread.sleep(50);
                }
                ChildProcess victim = RunningSystem.stack().child(VICTIMS.get(i));
                int restarts = victim.restarts();
                victim.kill();
                killedAt.put(VICTIMS.get(i), accepted.size());
                long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                while (victim.restarts() == restarts && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
