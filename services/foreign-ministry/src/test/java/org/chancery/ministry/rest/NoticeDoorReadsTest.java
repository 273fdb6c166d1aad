package org.chancery.ministry.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.chancery.problem.InFlightLimit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The door on a real Vert.x server, in front of a route that says whether it got the body: a body
 * that stalls loses its connection, and no more bodies are read at once than the bound allows.
 */
class NoticeDoorReadsTest {

    private Vertx vertx;
    private HttpServer server;
    private NoticeDoor door;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        door = new NoticeDoor();
        door.bound = new InFlightLimit() {
            @Override
            public int max() {
                return 1;
            }
        };
        door.readTimeout = Duration.ofMillis(500);
        Router router = Router.router(vertx);
        door.install(router);
        router.post("/notices").handler(context -> context.response()
                .end(context.body().buffer() == null ? "unread" : "read"));
        server = vertx.createHttpServer().requestHandler(router).listen(0).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aStalledBodyLosesItsConnectionAndOneOverTheBoundPassesUnread() throws Exception {
        try (Socket stalled = new Socket("127.0.0.1", server.actualPort())) {
            stalled.setSoTimeout(10_000);
            OutputStream out = stalled.getOutputStream();
            out.write(("POST /notices HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n"
                    + "{\"precedence\":").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            awaitReading(1);

            // The one place to read is taken: the next request passes on with its body unread.
            assertEquals("unread", post());

            long started = System.nanoTime();
            InputStream in = stalled.getInputStream();
            while (in.read() >= 0) {
                // whatever was sent before the close
            }
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertTrue(waited < 5_000, "closed after " + waited + " ms");
        }
        awaitReading(0);
    }

    private String post() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.actualPort())) {
            socket.setSoTimeout(10_000);
            String body = "{\"precedence\":\"FLASH\"}";
            socket.getOutputStream().write(("POST /notices HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body)
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            return answer.substring(answer.indexOf("\r\n\r\n") + 4);
        }
    }

    private void awaitReading(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (door.reading.get() != count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("bodies being read: " + door.reading.get() + ", not " + count);
            }
            Thread.sleep(10);
        }
    }
}
