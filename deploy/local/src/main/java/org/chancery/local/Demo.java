package org.chancery.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * {@code make demo}: the reference dataset's story told by a running system, with real notices.
 * For each one it prints the route, every hop with its time, the receipt, the audit's verdict and
 * the page that draws the path.
 */
final class Demo {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private final String ministry;
    private final String hotline;
    private final String audit;
    private final PrintStream out;
    private final boolean colour;
    private static final Duration TOKEN_LIFE = Duration.ofMinutes(10);

    private final LocalTokens tokens;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Demo(String ministry, String hotline, String audit, LocalTokens tokens, PrintStream out, boolean colour) {
        this.ministry = ministry;
        this.hotline = hotline;
        this.audit = audit;
        this.tokens = tokens;
        this.out = out;
        this.colour = colour;
    }

    /** The demo acts as each ministry, the hotline operator and an auditor, with tokens from the stack's issuer. */
    static void run(String ministry, String hotline, String audit, LocalTokens tokens) throws Exception {
        new Demo(ministry, hotline, audit, tokens, System.out, System.console() != null).tell();
    }

    void tell() throws Exception {
        checkUp();
        out.println(bold("Chancery: twelve notices, as states give them"));
        out.println();

        chapter("1. Washington tells Moscow, over the deconfliction line, of a flight into Kyiv a few hours ahead");
        follow(submit("USA", "RUS", "DECONFLICTION_NOTICE", "FLASH", "Flight into Kyiv",
                "A US government aircraft will enter Ukrainian airspace in a few hours, bound for Kyiv.",
                Instant.now().plus(3, ChronoUnit.HOURS), Map.of("theatre", "UKR")));

        chapter("2. A routine note verbale from Berlin to Rome, by embassy");
        follow(submit("DEU", "ITA", "NOTE_VERBALE", "ROUTINE", "Consultations",
                "The Federal Foreign Office presents its compliments to the Ministry and proposes consultations.",
                null));

        chapter("3. Washington writes to Tehran through Switzerland, its protecting power since 1980");
        follow(submit("USA", "IRN", "NOTE_VERBALE", "PRIORITY", "Detained national",
                "The Government of the United States requests consular access to its detained national.", null));

        chapter("4. Washington notifies Moscow of an ICBM launch a day ahead, as the 1988 agreement asks, by the NRRC link");
        follow(submit("USA", "RUS", "TREATY_NOTIFICATION", "ROUTINE", "ICBM launch",
                "Planned launch date, launch area and impact area as annexed.", null,
                Map.of("regime", "BMLNA-1988", "eventAt", Instant.now().plus(25, ChronoUnit.HOURS).toString())));

        chapter("5. Tuvalu writes to Bhutan: no source links them, so their missions to the UN in New York");
        follow(submit("TUV", "BTN", "NOTE_VERBALE", "ROUTINE", "Climate finance",
                "The Ministry presents its compliments and proposes a joint statement on climate finance.", null));

        chapter("6. Tokyo protests to Pyongyang through a third capital: the two embassies in Beijing");
        follow(submit("JPN", "PRK", "NOTE_VERBALE", "IMMEDIATE", "Ballistic missile launch",
                "The Government of Japan protests the launch of a ballistic missile into its exclusive economic zone.",
                null));

        chapter("7. A launch notified two hours ahead, where the 1988 agreement asks a day: sent, and marked late");
        String late = submit("USA", "RUS", "TREATY_NOTIFICATION", "ROUTINE", "ICBM launch, short notice",
                "Planned launch date, launch area and impact area as annexed.", null,
                Map.of("regime", "BMLNA-1988", "eventAt", Instant.now().plus(2, ChronoUnit.HOURS).toString()));
        JsonNode marked = get(ministry + "/notices/" + late).path("late");
        out.println("    late      " + bad("owed " + marked.path("owed").asText() + ", gave " + marked.path("gave").asText()));
        follow(late);

        chapter("8. Washington sends its annual military information to the other Vienna Document states: one "
                + "circular note, each copy over the OSCE Communications Network");
        circulate("USA", "VIENNA-DOC-2011", "Annual exchange of military information",
                "The Government of the United States transmits its annual exchange of military information.");

        chapter("9. A FLASH notice whose hotline is down goes by the next route");
        declareLine("US-RU-EUCOM-NDMC", "DOWN", "cable cut (declared by the operator for this demo)");
        try {
            awaitPlanWithout("hotline:US-RU-EUCOM-NDMC");
            follow(submit("USA", "RUS", "DECONFLICTION_NOTICE", "FLASH", "Aircraft in distress",
                    "A US aircraft in distress is diverting; it poses no threat.", null));
        } finally {
            declareLine("US-RU-EUCOM-NDMC", "UP", "repaired");
        }

        chapter("10. A note between states that do not recognise each other is refused: no official channel, and why");
        HttpResponse<String> refused = post(ministry + "/notices", Map.of("from", "ISR", "to", "IRN",
                "kind", "NOTE_VERBALE", "precedence", "IMMEDIATE", "subject", "Detained nationals",
                "body", "The Ministry requests information on detained nationals."));
        JsonNode problem = JSON.readTree(refused.body());
        out.println("  Jerusalem → Tehran: " + bad(refused.statusCode() + " " + problem.path("title").asText()));
        // One line per channel: a reason may hold "; " itself, between its sources.
        String reasons = problem.path("detail").asText().replaceFirst("^[^:]*: ", "");
        for (String reason : reasons.split("; (?=[A-Za-z][A-Za-z -]*: )")) {
            out.println("    · " + reason);
        }
        out.println();

        chapter("11. Paris writes to Berlin, and Berlin answers citing Paris's note: one exchange, each note numbered");
        String note = submit("FRA", "DEU", "NOTE_VERBALE", "ROUTINE", "Joint exercise",
                "The Ministry proposes a joint exercise of the two civil protection services in the spring.", null);
        follow(note);
        String cited = get(ministry + "/notices/" + note).path("reference").asText();
        String answer = submit("DEU", "FRA", "NOTE_VERBALE", "ROUTINE", "Re: Joint exercise",
                "The Federal Foreign Office accepts the proposal and suggests dates in April.", null,
                Map.of("inReplyTo", note, "references", "Note No. " + cited));
        follow(answer);
        out.println("  The exchange, as the audit reads it:");
        for (JsonNode n : get(ministry + "/notices/" + answer + "/thread").path("notes")) {
            out.printf("    %-16s %s → %s  %-12s %s%s%n", n.path("reference").asText(), n.path("from").asText(),
                    n.path("to").asText(), good(n.path("status").asText()), quote(n.path("subject").asText()),
                    n.has("inReplyTo") ? "  " + dim("answers " + cited) : "");
        }
        out.println();
        out.println("Every notice of this demo, and each path drawn (the link signs you in as an auditor for a day): "
                + underline(audit + "/#token=" + tokens.auditor(Duration.ofDays(1))));
        out.println("The exchange on each ministry's desk (each link signs in as that ministry for a day): FRA "
                + underline(desk("FRA")) + "  DEU " + underline(desk("DEU")));
    }

    private String desk(String state) {
        return ministry + "/desk/#token=" + tokens.ministry(state, Duration.ofDays(1));
    }

    private String submit(String from, String to, String kind, String precedence, String subject, String body,
            Instant deliverBy) throws IOException, InterruptedException {
        return submit(from, to, kind, precedence, subject, body, deliverBy, Map.of());
    }

    /** Submits a notice (with any further fields) and returns its id, after printing the plan it got. */
    private String submit(String from, String to, String kind, String precedence, String subject, String body,
            Instant deliverBy, Map<String, Object> more) throws IOException, InterruptedException {
        Map<String, Object> notice = new java.util.LinkedHashMap<>(Map.of("from", from, "to", to, "kind", kind,
                "precedence", precedence, "classification", "UNCLASSIFIED", "subject", subject, "body", body));
        notice.putAll(more);
        if (deliverBy != null) {
            notice.put("deliverBy", deliverBy.toString());
        }
        HttpResponse<String> response = post(ministry + "/notices", notice);
        JsonNode accepted = JSON.readTree(response.body());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("the ministry refused the notice: " + response.body());
        }
        out.printf("  %s → %s, %s %s: %s%n", from, to, precedence, kind, quote(subject));
        JsonNode planned = accepted.path("route").path("planned");
        for (int i = 0; i < planned.size(); i++) {
            JsonNode route = planned.get(i);
            out.printf("    %s %-16s %-48s %s%n", i == 0 ? "route" : "   or", route.path("channel").asText(),
                    String.join(" → ", texts(route.path("via"))), dim(route.path("reason").asText()));
        }
        return accepted.path("id").asText();
    }

    /** Sends a circular note to a regime's parties, waits for every copy's receipt, and prints each copy's path. */
    private void circulate(String from, String regime, String subject, String body) throws Exception {
        HttpResponse<String> response = post(ministry + "/notices", Map.of("from", from, "toParties", true,
                "regime", regime, "kind", "NOTE_VERBALE", "precedence", "ROUTINE", "subject", subject, "body", body));
        JsonNode accepted = JSON.readTree(response.body());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("the ministry refused the circular: " + response.body());
        }
        String id = accepted.path("id").asText();
        out.printf("  %s → %s (the parties to %s), ROUTINE NOTE_VERBALE: %s%n", from,
                String.join(", ", texts(accepted.path("to"))), regime, quote(subject));
        JsonNode circular = waitFor("every receipt", () -> {
            JsonNode c = get(ministry + "/notices/" + id);
            return "IN_TRANSIT".equals(c.path("status").asText("IN_TRANSIT")) ? null : c;
        });
        for (JsonNode copy : circular.path("copies")) {
            String copyId = copy.path("noticeId").asText();
            JsonNode path = waitFor("the audit", () -> {
                JsonNode p = get(audit + "/notices/" + copyId + "/path");
                return p.path("complete").asBoolean() || "FAILED".equals(p.path("status").asText()) ? p : null;
            });
            JsonNode hops = path.path("hops");
            out.printf("    %s  %-12s %-14s via %-50s audit %s%n", copy.path("to").asText(),
                    good(copy.path("status").asText()), hops.get(0).path("channel").asText(),
                    label(path, hops.get(0).path("to").asText()),
                    path.path("verified").asBoolean() ? good("verified") : bad("NOT verified"));
        }
        JsonNode counts = circular.path("counts");
        out.printf("    circular  %s: %d of %d acknowledged%n", good(circular.path("status").asText()),
                counts.path("acknowledged").asInt(), counts.path("recipients").asInt());
        out.println("    see       " + underline(audit + "/circular.html?id=" + id));
        out.println();
    }

    /** Waits for the receipt and the audit's complete path, then prints them. */
    private void follow(String id) throws Exception {
        JsonNode notice = waitFor("the receipt", () -> {
            JsonNode n = get(ministry + "/notices/" + id);
            return List.of("ACKNOWLEDGED", "REJECTED", "FAILED").contains(n.path("status").asText()) ? n : null;
        });
        JsonNode path = waitFor("the audit", () -> {
            JsonNode p = get(audit + "/notices/" + id + "/path");
            return p.path("complete").asBoolean() || "FAILED".equals(p.path("status").asText()) ? p : null;
        });
        Instant first = Instant.parse(path.path("hops").get(0).path("at").asText());
        for (JsonNode hop : path.path("hops")) {
            long ms = Duration.between(first, Instant.parse(hop.path("at").asText())).toMillis();
            String line = String.format("    %+8.3f s  %-17s %-30s %s → %s", ms / 1000.0, hop.path("service").asText(),
                    hop.path("type").asText().replace("chancery.", ""), label(path, hop.path("from").asText()),
                    label(path, hop.path("to").asText()));
            out.println(hop.path("type").asText().endsWith("failed") ? bad(line + ": " + hop.path("reason").asText())
                    : line);
        }
        JsonNode receipt = notice.path("receipt");
        out.printf("    receipt   %s by %s at %s%n", good(receipt.path("outcome").asText(notice.path("status").asText())),
                receipt.path("by").asText("?"), receipt.path("at").asText("?"));
        out.printf("    audit     %s, %s%n", path.path("verified").asBoolean() ? good("verified") : bad("NOT verified"),
                path.path("complete").asBoolean() ? "complete" : "incomplete");
        for (JsonNode breach : path.path("breaches")) {
            out.println("    breach    " + bad(breach.asText()));
        }
        out.println("    see       " + underline(audit + "/notice.html?id=" + id));
        out.println();
    }

    private void declareLine(String line, String status, String note) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(hotline + "/hotlines/" + line + "/status"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + tokens.operator(TOKEN_LIFE))
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("status", status, "note", note))))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the hotline operator could not declare " + line + ": " + response.body());
        }
        out.println("  operator: " + line + " is " + status + " (" + note + ")");
    }

    private void awaitPlanWithout(String party) throws Exception {
        waitFor("the ministry to learn of it", () -> {
            JsonNode plan = get(ministry + "/routes?from=USA&to=RUS&kind=DECONFLICTION_NOTICE&precedence=FLASH");
            return plan.toString().contains("\"" + party + "\"") ? null : plan;
        });
    }

    private interface Check {
        JsonNode get() throws Exception;
    }

    /** Polls until the check returns something, showing progress. */
    private JsonNode waitFor(String what, Check check) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        String[] spinner = {"|", "/", "-", "\\"};
        for (int i = 0; System.nanoTime() < deadline; i++) {
            JsonNode result = check.get();
            if (result != null) {
                if (colour) {
                    out.print("\r\033[K");
                }
                return result;
            }
            if (colour) {
                out.print("\r    waiting for " + what + " " + spinner[i % 4]);
            } else if (i % 10 == 0) {
                out.println("    waiting for " + what + " ...");
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("no answer from " + what + " within " + PATIENCE.toSeconds() + " s");
    }

    private void checkUp() {
        for (String url : List.of(ministry, hotline, audit)) {
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException(url + " is not ready yet");
                }
            } catch (IOException e) {
                throw new IllegalStateException("nothing answers at " + url + ": start Chancery first (make run, "
                        + "or docker compose up)");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Reads as an auditor, who may read every notice. */
    private JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + tokens.auditor(TOKEN_LIFE)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : JSON.createObjectNode();
    }

    /** Sends as the ministry of the notice's sending state. */
    private HttpResponse<String> post(String url, Map<String, ?> body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + tokens.ministry(String.valueOf(body.get("from")), TOKEN_LIFE))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String label(JsonNode path, String party) {
        return path.path("parties").path(party).asText(party);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new java.util.ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    private void chapter(String title) {
        out.println(bold(title));
    }

    private static String quote(String s) {
        return "\u201c" + s + "\u201d";
    }

    private String bold(String s) {
        return colour ? "\033[1m" + s + "\033[0m" : s;
    }

    private String dim(String s) {
        return colour ? "\033[2m" + s + "\033[0m" : "(" + s + ")";
    }

    private String good(String s) {
        return colour ? "\033[32m" + s + "\033[0m" : s;
    }

    private String bad(String s) {
        return colour ? "\033[31m" + s + "\033[0m" : s;
    }

    private String underline(String s) {
        return colour ? "\033[4m" + s + "\033[0m" : s;
    }
}
