package org.chancery.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.chancery.events.NoticeStatus;
import org.chancery.local.ChildProcess;
import org.chancery.local.SampleNotices;
import org.chancery.local.Stack;
import org.chancery.local.StackSettings;
import org.junit.jupiter.api.Test;

/**
 * Ready means ready: on a stack of its own, freshly started as {@code make run} starts it (its own
 * embedded database, a role per service), the first notice of each channel is
 * acknowledged within {@link #LIMIT} of its 202, as later ones are; and a service killed with
 * SIGKILL is back, its consumers holding their partitions again, because it comes back as the same
 * static member.
 */
class FirstNoticeIT {

    static final Duration LIMIT = Duration.ofSeconds(2);
    /**
     * The consumers' session timeout on this stack: long, so that a JVM slow to start on a busy
     * machine is still back well within it.
     */
    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(45);
    /**
     * Below the session timeout: a member that came back under another name, or whose name the
     * group still held for the dead one, would wait for the dead one's session to run out.
     */
    static final Duration BACK_WITHIN = SESSION_TIMEOUT.minusSeconds(5);

    static final Map<String, String[]> FIRST_OF_EACH_CHANNEL = SampleNotices.onePerChannel();

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theFirstNoticeOfEachChannelMovesAsFastAsLaterOnes() throws Exception {
        Path root = Path.of(System.getProperty("chancery.root", "../../..")).toAbsolutePath().normalize();
        Path home = Files.createTempDirectory(root.resolve("deploy/tests/system-tests/target"), "fresh-");
        // No database given: the stack starts its own, as make run does, each service under its own role.
        Map<String, String> env = Map.of("CHANCERY_PIPELINE_SESSION_TIMEOUT", SESSION_TIMEOUT.toSeconds() + "s");
        try (Stack stack = Stack.start(StackSettings.forTests(root, home, null, null, null, env), System.out)) {
            everyPortListensOnThisMachineOnly(stack);
            everyMetricIsThereAtZero(stack);
            everyServiceMapsTheHomesNativeLibrary(stack, root, home);
            Submitter client = new Submitter(stack.url("foreign-ministry"), stack.tokens());
            Map<String, Duration> acknowledgedAfter = new LinkedHashMap<>();
            for (Map.Entry<String, String[]> channel : FIRST_OF_EACH_CHANNEL.entrySet()) {
                acknowledgedAfter.put(channel.getKey(), acknowledgedAfter202(client, stack, channel.getValue()));
            }
            System.out.println("first notice after start, acknowledged after its 202: " + acknowledgedAfter);
            acknowledgedAfter.forEach((channel, after) -> assertTrue(after.compareTo(LIMIT) <= 0,
                    "the first notice by " + channel + " took " + after.toMillis() + " ms after its 202"));

            ChildProcess embassy = stack.child("embassy");
            int restarts = embassy.restarts();
            long killed = System.nanoTime();
            embassy.kill();
            awaitReadyAgain(embassy, restarts, stack.url("embassy"), killed);
            Duration back = Duration.ofNanos(System.nanoTime() - killed);
            Duration next = acknowledgedAfter202(client, stack, FIRST_OF_EACH_CHANNEL.get("embassy"));
            System.out.printf("embassy killed: ready again in %d ms, its next notice acknowledged %d ms after its 202%n",
                    back.toMillis(), next.toMillis());
            assertTrue(back.compareTo(BACK_WITHIN) <= 0, "the killed embassy was ready again only after " + back);
            assertTrue(next.compareTo(LIMIT) <= 0, "after the restart, a notice took " + next.toMillis() + " ms");
        }
    }

    /** The services, the broker and the database take no connection from another machine. */
    /**
     * Where the build holds the native cryptography provider, every service loads its library from
     * the one copy in the home (the launcher's), not from a copy of its own.
     */
    private static void everyServiceMapsTheHomesNativeLibrary(Stack stack, Path root, Path home) throws IOException {
        for (String service : stack.settings().services().keySet()) {
            Path libraries = root.resolve("services").resolve(service).resolve("target/quarkus-app/lib/main");
            boolean provider;
            try (var files = Files.list(libraries)) {
                provider = files.anyMatch(f -> f.getFileName().toString().contains("AmazonCorrettoCryptoProvider-"));
            }
            if (!provider) {
                continue;
            }
            List<String> mapped = Files.readAllLines(Path.of("/proc", Long.toString(stack.child(service).pid()), "maps"))
                    .stream().filter(line -> line.contains("libamazonCorrettoCryptoProvider.so")).toList();
            assertFalse(mapped.isEmpty(), service + " has not loaded the native provider's library");
            mapped.forEach(line -> assertTrue(line.contains(home.resolve("native").toString()), service + ": " + line));
        }
    }

    private static void everyPortListensOnThisMachineOnly(Stack stack) throws IOException {
        StackSettings settings = stack.settings();
        Map<String, Integer> ports = new LinkedHashMap<>();
        StackSettings.DEFAULT_PORTS.keySet().forEach(s -> ports.put(s, URI.create(stack.url(s)).getPort()));
        ports.put("kafka", settings.kafkaPort());
        ports.put("kafka (outside consumers)", settings.outsidePort());
        ports.put("kafka (controller)", settings.controllerPort());
        ports.put("postgres", settings.dbPort());
        for (Map.Entry<String, Integer> port : ports.entrySet()) {
            List<String> listening = ListeningSockets.addresses(port.getValue());
            assertFalse(listening.isEmpty(), port.getKey() + " listens on no address of port " + port.getValue());
            assertTrue(ListeningSockets.LOOPBACK.containsAll(listening), port.getKey() + " listens on " + listening
                    + ", not loopback only");
        }
    }

    /** Before any notice: every series a dashboard plots exists, at zero, so that its rates work. */
    private static void everyMetricIsThereAtZero(Stack stack) {
        List<String> missing = new ArrayList<>();
        Map<String, List<String>> expected = new LinkedHashMap<>();
        for (String service : StackSettings.DEFAULT_PORTS.keySet()) {
            expected.computeIfAbsent(service, s -> new ArrayList<>()).addAll(List.of(
                    "chancery_lane_lag{lane=\"urgent\",service=\"" + service + "\"}",
                    "chancery_lane_lag{lane=\"routine\",service=\"" + service + "\"}"));
        }
        for (String outcome : List.of("accepted", "delivered", "acknowledged", "rejected", "rerouted", "failed", "overdue")) {
            for (String channel : List.of("EMBASSY", "HOTLINE", "PROTECTING_POWER", "MEDIATOR", "NONE")) {
                expected.get("foreign-ministry").add("chancery_notices_" + outcome + "_total{channel=\"" + channel + "\"}");
            }
        }
        expected.get("embassy").add("chancery_dead_letters_total{service=\"embassy\",topic=\"chancery.dispatch.embassy.urgent\"}");
        expected.get("audit").addAll(List.of(
                "chancery_audit_hops_total{service=\"audit\",topic=\"chancery.notices.routine\"}",
                "chancery_audit_rejected_hops_total{authenticity=\"FORGED\",service=\"audit\"}",
                "chancery_dead_letters_total{service=\"audit\",topic=\"chancery.dispatch.hotline.urgent\"}"));
        expected.forEach((service, series) -> {
            Scrape scrape = Scrape.of(stack.url(service));
            series.stream().filter(s -> !scrape.value(s).equals(Optional.of(0.0))).forEach(s -> missing.add(service + ": " + s
                    + " = " + scrape.value(s).map(String::valueOf).orElse("absent")));
        });
        assertEquals(List.of(), missing, "series not at zero on a fresh stack");
    }

    private static Duration acknowledgedAfter202(Submitter client, Stack stack, String[] route) throws Exception {
        Submitter.Answer answer = client.submit(route);
        assertEquals(202, answer.status(), "the notice was taken");
        long accepted = System.nanoTime();
        long deadline = accepted + Duration.ofSeconds(60).toNanos();
        String status = "";
        while (System.nanoTime() < deadline) {
            status = client.get(stack.url("foreign-ministry") + "/notices/" + answer.id()).path("status").asText();
            if (!status.isEmpty() && NoticeStatus.valueOf(status).isFinal()) {
                break;
            }
            Thread.sleep(10);
        }
        assertEquals("ACKNOWLEDGED", status, "notice " + answer.id() + " to " + route[1]);
        return Duration.ofNanos(System.nanoTime() - accepted);
    }

    private void awaitReadyAgain(ChildProcess service, int restarts, String url, long since) throws Exception {
        long deadline = since + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (service.restarts() > restarts && ready(url)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(service.name() + " was not ready again within 90 s");
    }

    private boolean ready(String url) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url + "/q/health/ready")).timeout(Duration.ofSeconds(2))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }
}
