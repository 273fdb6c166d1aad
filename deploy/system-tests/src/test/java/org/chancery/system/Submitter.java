package org.chancery.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.chancery.local.LocalTokens;

/** A plain HTTP client of a running stack, for tests that send many notices while pieces fail. */
final class Submitter {

    /** Sender, receiver, kind and precedence: by embassy, hotline and protecting power, one of them returned. */
    static final List<String[]> ROUTES = List.of(
            new String[] {"USA", "DEU", "NOTE_VERBALE", "ROUTINE"},
            new String[] {"DEU", "ITA", "NOTE_VERBALE", "PRIORITY"},
            new String[] {"USA", "RUS", "DECONFLICTION_NOTICE", "FLASH"},
            new String[] {"USA", "IRN", "NOTE_VERBALE", "PRIORITY"},
            new String[] {"CHE", "ITA", "DEMARCHE", "ROUTINE"});

    /** The ministry's answer: its status, its content type, and the notice id when it took the notice. */
    record Answer(int status, String contentType, String id) {
    }

    private static final Duration TOKEN_LIFE = Duration.ofHours(2);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final String ministry;
    private final LocalTokens tokens;

    /** A client of the ministry at {@code ministryUrl}, with tokens from the stack's issuer. */
    Submitter(String ministryUrl, LocalTokens tokens) {
        this.ministry = ministryUrl;
        this.tokens = tokens;
    }

    /** Posts a notice on a route of {@link #ROUTES}; an IOException means no answer came. */
    Answer submit(String[] route) throws IOException, InterruptedException {
        String body = """
                {"from":"%s","to":"%s","kind":"%s","precedence":"%s","classification":"UNCLASSIFIED",
                 "subject":"Sent under load","body":"Sent while a piece of the system fails."}"""
                .formatted((Object[]) route);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(ministry + "/notices"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + tokens.ministry(route[0], TOKEN_LIFE))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        String id = response.statusCode() == 202 ? json.readTree(response.body()).path("id").asText() : null;
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), id);
    }

    /** A JSON resource, read as an auditor, or an IOException when it cannot be had. */
    JsonNode get(String url) throws IOException {
        try {
            return json.readTree(http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                            .header("Authorization", "Bearer " + tokens.auditor(TOKEN_LIFE)).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
