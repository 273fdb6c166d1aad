package org.chancery.messaging;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.SmallRyeHealthReporter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Gives back, once the service is first ready, the heap its start grew: the framework's boot, the
 * registries read and the rehearsal leave a heap two to three times what stays live, which a
 * collector that only shrinks after a full collection would hold for as long as the service runs.
 * One full collection then, right after the service is first ready (a pause of 100–300 ms, before
 * the first notice as a rule); with the serial collector and {@code -XX:-ShrinkHeapInSteps} (the
 * launcher's, the image's and the manifests' options) the old generation shrinks at once to what
 * is live with {@code MaxHeapFreeRatio} (30 %) of it free, the young one in proportion. Load grows
 * them again as it needs.
 */
@ApplicationScoped
public class StartHeapRelease {

    private static final Logger LOG = Logger.getLogger(StartHeapRelease.class);
    private static final long POLL_MILLIS = 250;

    @Inject
    SmallRyeHealthReporter health;

    @Inject
    Warmup warmup;

    @ConfigProperty(name = "chancery.start.release-heap", defaultValue = "true")
    boolean enabled;

    private volatile boolean released;

    void start(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        Thread thread = new Thread(this::releaseWhenReady, "start-heap-release");
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether the collection after the start has run. */
    public boolean released() {
        return released;
    }

    private void releaseWhenReady() {
        try {
            while (!ready()) {
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        MemoryUsage before = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long started = System.nanoTime();
        System.gc();
        MemoryUsage after = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        released = true;
        LOG.infof("ready: the start's heap given back in %d ms (committed %d → %d MB, %d MB live)",
                (System.nanoTime() - started) / 1_000_000, mb(before.getCommitted()), mb(after.getCommitted()),
                mb(after.getUsed()));
    }

    /** The rehearsal is most of a start: the checks, which query the database, are asked after it only. */
    private boolean ready() {
        try {
            return warmup.done() && !health.getReadiness().isDown();
        } catch (RuntimeException e) {
            // A check that timed out is asked again.
            return false;
        }
    }

    private static long mb(long bytes) {
        return bytes >> 20;
    }
}
