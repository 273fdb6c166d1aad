package org.chancery.ministry.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.LaunchMode;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.chancery.events.Channel;
import org.chancery.events.Classification;
import org.chancery.events.NoticeKind;
import org.chancery.events.NoticeStatus;
import org.chancery.events.Party;
import org.chancery.events.Precedence;
import org.chancery.events.ReceiptOutcome;
import org.chancery.events.Route;
import org.chancery.messaging.WarmupStep;
import org.chancery.ministry.domain.AttemptState;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What a ministry's first request touches of the REST API: a request body bound and validated, a
 * token checked, a notice written as following it shows it, and a request through the whole stack;
 * all off the record. (What it touches beneath, {@code service.MinistryWarmup}.)
 */
@ApplicationScoped
public class ApiWarmup implements WarmupStep {

    private static final Duration HTTP_WAIT = Duration.ofSeconds(10);
    private static final String EXAMPLE_REQUEST = """
            {"from":"USA","to":"DEU","kind":"NOTE_VERBALE","precedence":"ROUTINE","classification":"UNCLASSIFIED",
             "subject":"warm-up","body":"not sent"}""";

    @Inject
    ObjectMapper json;

    @Inject
    Validator validator;

    @Inject
    JWTParser tokens;

    @ConfigProperty(name = "quarkus.http.port")
    int port;

    @Override
    public String what() {
        return "the ministry's REST API";
    }

    @Override
    public void run() {
        UUID id = UUID.randomUUID();
        readRequest();
        checkForgedToken();
        writeView(id);
        if (LaunchMode.current() == LaunchMode.NORMAL) {
            askUnauthenticated(id);
        }
    }

    /** A request body bound and validated as the REST API does it. */
    private void readRequest() {
        try {
            NoticeRequest request = json.readValue(EXAMPLE_REQUEST, NoticeRequest.class);
            validator.validate(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A token whose signature is not the issuer's, refused as any such token is: parsed, and its
     * RS256 signature checked against the issuer's key; nothing kept.
     */
    private void checkForgedToken() {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String token = base64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + base64.encodeToString(("{\"iss\":\"chancery\",\"sub\":\"rehearsal\",\"exp\":"
                + (System.currentTimeMillis() / 1000 + 60) + "}").getBytes(StandardCharsets.UTF_8))
                + "." + base64.encodeToString(new byte[256]);
        try {
            tokens.parse(token);
        } catch (ParseException e) {
            // Refused, as it must be.
        }
    }

    /** A notice as following it shows it, written as the REST API writes it. */
    private void writeView(UUID id) {
        Instant now = Instant.now();
        String via = Party.embassy("USA", "DEU");
        NoticeView view = new NoticeView(id, "USA", "DEU", NoticeKind.NOTE_VERBALE, Precedence.ROUTINE,
                Classification.UNCLASSIFIED, "start-up rehearsal", null, null, null, null, null, null,
                NoticeStatus.ACKNOWLEDGED, now, null, List.of(new NoticeView.StatusEntry(NoticeStatus.ACCEPTED, now, null)),
                new NoticeView.RouteView(List.of(Route.informal(Channel.EMBASSY, List.of(via), "rehearsal")),
                        Channel.EMBASSY, List.of(new NoticeView.AttemptView(1, Channel.EMBASSY, via, now,
                                AttemptState.ACKNOWLEDGED, null))),
                new NoticeView.ReceiptView(id, ReceiptOutcome.ACKNOWLEDGED, "DEU", now, null), "USA 2026/00001",
                null, null, NoticeView.Direction.SENT, now, null, null);
        try {
            json.writeValueAsString(view);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A read without a token: refused (401), through the whole REST stack and its problem JSON. */
    private void askUnauthenticated(UUID id) {
        long deadline = System.nanoTime() + HTTP_WAIT.toNanos();
        while (true) {
            try {
                HttpURLConnection get = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/notices/" + id)
                        .toURL().openConnection();
                get.setConnectTimeout(1000);
                get.setReadTimeout(5000);
                get.getResponseCode();
                get.disconnect();
                return;
            } catch (IOException e) {
                // Not listening yet: the HTTP server starts beside the warm-up.
                if (System.nanoTime() > deadline) {
                    return;
                }
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
