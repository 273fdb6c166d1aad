package org.chancery.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real HTTP server on Vert.x with the limit in front of a route that answers only when told to. */
class InFlightLimitTest {

    private Vertx vertx;
    private HttpServer server;
    private InFlightLimit limit;
    private final Queue<RoutingContext> held = new ConcurrentLinkedQueue<>();
    /** HTTP/1.1: a connection for each request at once (an HTTP/2 upgrade would hold the others behind the first). */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        limit = new InFlightLimit();
        limit.max = 2;
        limit.reserve = 1;
        limit.mapper = new ObjectMapper();
        Router router = Router.router(vertx);
        // A door that marks urgent what says it is.
        router.route().order(RouteOrder.DOOR).handler(context -> {
            if (context.request().getHeader("Urgent") != null) {
                context.put(InFlightLimit.URGENT, Boolean.TRUE);
            }
            context.next();
        });
        limit.install(router);
        router.route("/notices").handler(held::add);
        router.route("/q/health").handler(context -> context.response().end("UP"));
        server = vertx.createHttpServer().requestHandler(router).listen(0).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void oneOverTheBoundIsRefusedAtOnceAndItsPlaceComesBackWhenAnAnswerIsSent() throws Exception {
        CompletableFuture<HttpResponse<String>> first = post();
        CompletableFuture<HttpResponse<String>> second = post();
        awaitHeld(2);

        HttpResponse<String> third = post().get(10, TimeUnit.SECONDS);
        assertEquals(503, third.statusCode());
        assertEquals(Problem.MEDIA_TYPE, third.headers().firstValue("Content-Type").orElse(""));
        assertEquals("1", third.headers().firstValue("Retry-After").orElse(""));
        assertTrue(third.body().contains("\"status\":503") && third.body().contains("/notices"), third.body());
        assertEquals(200, get("/q/health").statusCode(), "health is never refused");

        // Whichever of the two arrived first is answered: its place comes back once the answer is sent.
        held.poll().response().end("taken");
        awaitInFlight(1);
        CompletableFuture<HttpResponse<String>> fourth = post();
        awaitHeld(2);
        assertEquals(2, limit.inFlight());
        held.forEach(context -> context.response().end("taken"));
        for (CompletableFuture<HttpResponse<String>> answer : List.of(first, second, fourth)) {
            assertEquals(200, answer.get(10, TimeUnit.SECONDS).statusCode());
        }
        awaitInFlight(0);
    }

    @Test
    void anUrgentRequestTakesAPlaceKeptAboveTheBound() throws Exception {
        post();
        post();
        awaitHeld(2);
        assertEquals(503, post().get(10, TimeUnit.SECONDS).statusCode());

        CompletableFuture<HttpResponse<String>> urgent = post("Urgent");
        awaitHeld(3);
        HttpResponse<String> secondUrgent = post("Urgent").get(10, TimeUnit.SECONDS);
        assertEquals(503, secondUrgent.statusCode(), "the reserve is one place");
        assertTrue(secondUrgent.body().contains("working on 3 requests"), secondUrgent.body());
        held.forEach(context -> context.response().end("taken"));
        assertEquals(200, urgent.get(10, TimeUnit.SECONDS).statusCode());
        awaitInFlight(0);
    }

    @Test
    void aClientThatHangsUpGivesItsPlaceBack() throws Exception {
        CompletableFuture<HttpResponse<String>> first = post();
        awaitHeld(1);
        first.cancel(true);
        held.poll().request().connection().close();
        awaitInFlight(0);
    }

    private CompletableFuture<HttpResponse<String>> post(String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + "/notices"))
                .POST(HttpRequest.BodyPublishers.ofString("{}"));
        for (String header : headers) {
            request.header(header, "yes");
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void awaitHeld(int count) throws InterruptedException {
        await(() -> held.size() == count, "requests held: " + count);
    }

    private void awaitInFlight(int count) throws InterruptedException {
        await(() -> limit.inFlight() == count, "requests in flight: " + count);
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached in 10 s: " + what);
            }
            Thread.sleep(10);
        }
    }
}
