package org.chancery.system;

import java.nio.file.Files;
import java.nio.file.Path;
import org.chancery.local.Stack;
import org.chancery.local.StackSettings;
import org.chancery.local.testing.FreshDatabase;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Chancery as {@code make run} starts it, once for all system tests: the broker, the database and
 * the five packaged services, each its own process, on free ports.
 */
public class RunningSystem implements BeforeAllCallback {

    private static Stack stack;

    public static Stack stack() {
        return stack;
    }

    @Override
    public synchronized void beforeAll(ExtensionContext context) throws Exception {
        if (stack != null) {
            return;
        }
        Path root = Path.of(System.getProperty("chancery.root", "../..")).toAbsolutePath().normalize();
        Path home = Files.createTempDirectory(root.resolve("deploy/system-tests/target"), "stack-");
        FreshDatabase database = FreshDatabase.create(home);
        long started = System.nanoTime();
        Stack running = Stack.start(StackSettings.forTests(root, home, database.url(), database.user(),
                database.password()), System.out);
        System.out.printf("Chancery up in %.1f s: %s (logs in %s)%n", (System.nanoTime() - started) / 1e9,
                running.readyIn(), home.resolve("logs"));
        stack = running;
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put("chancery-stack",
                (ExtensionContext.Store.CloseableResource) () -> {
                    running.close();
                    database.close();
                });
    }
}
