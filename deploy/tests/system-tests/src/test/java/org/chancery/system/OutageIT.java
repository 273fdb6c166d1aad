package org.chancery.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.chancery.local.ChildProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The broker, then the database, out of reach while notices keep coming. The ministry answers
 * 503 while it cannot hand a notice on or store it, never 202 for a notice it then loses; every
 * notice it accepted, before, during and after, is delivered and its path verified.
 */
@ExtendWith(RunningSystem.class)
class OutageIT {

    static final Duration OUTAGE = Duration.ofSeconds(20);

    private final Submitter client = new Submitter(Notices.ministry(), RunningSystem.stack().tokens());

    @Test
    void theBrokerStoppedAndStartedMidLoad() throws Exception {
        ChildProcess kafka = RunningSystem.stack().child("kafka");
        Load load = new Load();
        load.during(() -> {
            kafka.stop(Duration.ofSeconds(20));
            pause(OUTAGE);
            kafka.start();
            kafka.awaitReady(Duration.ofMinutes(2));
        });
        load.assertEveryAcceptedNoticeArrives("broker");
    }

    @Test
    void theDatabaseRefusingConnectionsMidLoad() throws Exception {
        Load load = new Load();
        load.during(() -> {
            setDatabaseOpen(false);
            pause(OUTAGE);
            setDatabaseOpen(true);
        });
        load.assertEveryAcceptedNoticeArrives("database");
    }

    /** Notices submitted one after another while something happens to the system. */
    private final class Load {
        final List<String> accepted = Collections.synchronizedList(new ArrayList<>());
        final Map<Integer, Integer> statuses = Collections.synchronizedMap(new TreeMap<>());

        void during(Outage outage) throws Exception {
            AtomicBoolean running = new AtomicBoolean(true);
            Thread sender = new Thread(() -> {
                for (int i = 0; running.get(); i++) {
                    submit(Submitter.ROUTES.get(i % Submitter.ROUTES.size()));
                }
            }, "sender");
            sender.start();
            pause(Duration.ofSeconds(5));
            outage.happen();
            pause(Duration.ofSeconds(10));
            running.set(false);
            sender.join();
        }

        void submit(String[] route) {
            try {
                Submitter.Answer answer = client.submit(route);
                statuses.merge(answer.status(), 1, Integer::sum);
                if (answer.status() == 202) {
                    accepted.add(answer.id());
                } else if (answer.status() == 503) {
                    assertEquals("application/problem+json", answer.contentType());
                    pause(Duration.ofMillis(500));
                }
            } catch (IOException e) {
                statuses.merge(-1, 1, Integer::sum);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void assertEveryAcceptedNoticeArrives(String what) {
            System.out.printf("%s outage: answers %s (-1: no answer), %d accepted%n", what, statuses, accepted.size());
            assertTrue(statuses.getOrDefault(503, 0) > 0, "the ministry said 503 while the " + what + " was out: " + statuses);
            assertEquals(Map.of(), Map.copyOf(new TreeMap<>(statuses)).entrySet().stream()
                    .filter(e -> e.getKey() != 202 && e.getKey() != 503)
                    .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)),
                    "only 202 and 503");
            assertTrue(accepted.size() > 10, "notices were accepted around the outage: " + accepted.size());
            for (String id : accepted) {
                Notices.awaitVerifiedPath(id);
            }
        }
    }

    @FunctionalInterface
    interface Outage {
        void happen() throws Exception;
    }

    /** Closes the services' database to new connections and ends the open ones, or opens it again. */
    private static void setDatabaseOpen(boolean open) throws Exception {
        String url = RunningSystem.database().url();
        String name = url.substring(url.lastIndexOf('/') + 1);
        String admin = url.substring(0, url.lastIndexOf('/') + 1) + "postgres";
        try (Connection db = DriverManager.getConnection(admin, RunningSystem.database().user(),
                RunningSystem.database().password()); Statement sql = db.createStatement()) {
            sql.execute("alter database " + name + " allow_connections " + open);
            if (!open) {
                sql.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + name + "'");
            }
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
