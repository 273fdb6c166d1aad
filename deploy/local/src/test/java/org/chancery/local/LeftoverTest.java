package org.chancery.local;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a launcher killed before it could stop its pieces leaves is stopped at the next start, and nothing else. */
class LeftoverTest {

    @TempDir
    Path home;

    @Test
    void aLeftoverPieceIsStoppedAndItsPidFileRemoved() throws Exception {
        Process leftover = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dchancery.piece=embassy", "-cp", System.getProperty("java.class.path"), Waits.class.getName()).start();
        Path pidFile = Files.writeString(home.resolve("embassy.pid"), Long.toString(leftover.pid()));
        ByteArrayOutputStream said = new ByteArrayOutputStream();

        ChildProcess.stopLeftover(pidFile, new PrintStream(said, true));

        assertTrue(leftover.waitFor(Duration.ofSeconds(5).toMillis(), TimeUnit.MILLISECONDS),
                "the leftover stopped");
        assertFalse(Files.exists(pidFile));
        assertTrue(said.toString().contains("stopping a leftover embassy (pid " + leftover.pid() + ")"), said.toString());
    }

    /** A piece of Chancery as its command line names it, waiting to be stopped. */
    public static final class Waits {
        public static void main(String[] args) throws InterruptedException {
            Thread.sleep(Duration.ofMinutes(10).toMillis());
        }
    }

    @Test
    void aProcessThatIsNotAPieceOfChanceryIsLeftAlone() throws Exception {
        Process other = new ProcessBuilder("sleep", "600").start();
        try {
            Path pidFile = Files.writeString(home.resolve("audit.pid"), Long.toString(other.pid()));

            ChildProcess.stopLeftover(pidFile, new PrintStream(new ByteArrayOutputStream(), true));

            assertTrue(other.isAlive(), "a reused pid is not Chancery's to stop");
            assertFalse(Files.exists(pidFile));
        } finally {
            other.destroyForcibly();
        }
    }
}
