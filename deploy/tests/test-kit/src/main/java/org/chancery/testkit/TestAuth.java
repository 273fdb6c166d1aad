package org.chancery.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.time.Duration;
import org.chancery.local.LocalTokens;

/**
 * Lets a test's REST Assured requests act as the party that would make them: a notice is posted
 * by the ministry of its sending state, a hotline is declared by the operator, and everything
 * else is read by an auditor. A request that brings its own {@code Authorization} is left alone;
 * {@code given().noFilters()} sends none.
 */
public final class TestAuth implements Filter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration VALID = Duration.ofHours(2);

    private final LocalTokens tokens;

    private TestAuth(LocalTokens tokens) {
        this.tokens = tokens;
    }

    /** Installs the filter for every REST Assured request of this JVM, once. */
    public static synchronized void install(LocalTokens tokens) {
        if (RestAssured.filters().stream().noneMatch(TestAuth.class::isInstance)) {
            RestAssured.filters(new TestAuth(tokens));
        }
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
            FilterContext context) {
        if (!request.getHeaders().hasHeaderWithName("Authorization")) {
            request.header("Authorization", "Bearer " + tokenFor(request));
        }
        return context.next(request, response);
    }

    private String tokenFor(FilterableRequestSpecification request) {
        String path = request.getURI();
        if ("POST".equals(request.getMethod()) && path.contains("/notices")) {
            return tokens.ministry(sender(request.getBody()), VALID);
        }
        if ("PUT".equals(request.getMethod()) && path.contains("/hotlines/")) {
            return tokens.operator(VALID);
        }
        return tokens.auditor(VALID);
    }

    /** The notice's sending state, or USA when the body names none (a test of a bad request). */
    private static String sender(Object body) {
        try {
            String from = JSON.readTree(String.valueOf(body)).path("from").asText("");
            return from.matches("[A-Z]{3}") ? from : "USA";
        } catch (Exception e) {
            return "USA";
        }
    }
}
