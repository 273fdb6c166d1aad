package org.chancery.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error leaves as RFC 9457 problem JSON that says what is wrong. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return e.problem().at(uri.getPath()).toResponse();
    }

    /**
     * No valid token: 401, with the scheme to authenticate by; where the check that refused it
     * said why (a {@link ProblemException} as the cause), that reason.
     */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        Problem problem = e.getCause() instanceof ProblemException reason ? reason.problem() : Problem.of(401,
                "Not authenticated", "this needs a valid bearer token (Authorization: Bearer <token>); see docs/reliability.md");
        return Response.status(401).type(Problem.MEDIA_TYPE).header("WWW-Authenticate", "Bearer")
                .entity(problem.at(uri.getPath())).build();
    }

    /** A valid token without the role the request needs: 403. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return Problem.of(403, "Not allowed", "this token's role may not do this").at(uri.getPath()).toResponse();
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(f -> f.field() + " " + f.message()).collect(Collectors.joining("; "));
        return Problem.of(400, "Invalid request", detail).withErrors(errors).at(uri.getPath()).toResponse();
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e, UriInfo uri) {
        return Problem.of(400, "Unreadable request body", describe(e)).at(uri.getPath()).toResponse();
    }

    /** More specific than the JSON mappers Quarkus brings, so that these too leave as problems. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        return unreadable(e, uri);
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException json) {
            return unreadable(json, uri);
        }
        String title = Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        String detail = status == 400 && cause != null ? cause.getMessage() : e.getMessage();
        return Problem.of(status, title, detail).at(uri.getPath()).toResponse();
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e, UriInfo uri) {
        if (databaseUnreachable(e)) {
            LOG.warnf("database unavailable on %s: %s", uri.getPath(), e.toString());
            Problem problem = Problem.of(503, "Database unavailable",
                    "nothing was stored; the service cannot reach its database now, try again shortly");
            return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", "5")
                    .entity(problem.at(uri.getPath())).build();
        }
        LOG.errorf(e, "unexpected error on %s", uri.getPath());
        return Problem.of(500, "Internal error", "the service could not handle this request; it has been logged")
                .at(uri.getPath()).toResponse();
    }

    /**
     * Whether the failure is the database being out of reach (no connection, or none to be had:
     * SQL states of class 08, 53 and 57P, no connection to be had, or the pool timing out), not a
     * fault in the request or the service. A transaction whose commit failed carries the database's
     * answer as a suppressed exception, not as its cause: both are looked at.
     */
    static boolean databaseUnreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            for (Throwable suppressed : t.getSuppressed()) {
                if (databaseUnreachable(suppressed)) {
                    return true;
                }
            }
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && (sql.getSQLState().startsWith("08")
                    || sql.getSQLState().startsWith("53") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
            // Failing to get a connection at all, whatever the server said (a database closed to
            // connections answers 55000), and the pool's own timeout, which carries no SQL state.
            String message = String.valueOf(t.getMessage());
            if (message.contains("Unable to acquire JDBC Connection") || t instanceof SQLException
                    && message.contains("acquisition timeout")) {
                return true;
            }
        }
        return false;
    }

    private static String field(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        // "submit.request.subject" -> "subject": the method and parameter names mean nothing to a client;
        // a violation on the parameter itself is about the whole body; "to[1].<list element>" is "to[1]".
        String[] parts = path.replace(".<list element>", "").split("\\.");
        return parts.length > 2 ? String.join(".", Arrays.copyOfRange(parts, 2, parts.length)) : "body";
    }

    private static String describe(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "unknown field '" + unknown.getPropertyName() + "'; the fields are "
                    + unknown.getKnownPropertyIds();
        }
        if (e instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                && invalid.getTargetType().isEnum()) {
            return path(invalid) + ": '" + invalid.getValue() + "' is not one of "
                    + Arrays.toString(invalid.getTargetType().getEnumConstants());
        }
        if (e instanceof InvalidFormatException invalid && invalid.getTargetType() == java.time.Instant.class) {
            return path(invalid) + ": '" + invalid.getValue() + "' is not a UTC time such as 2027-01-01T12:00:00Z";
        }
        if (e instanceof InvalidFormatException invalid) {
            return path(invalid) + ": '" + invalid.getValue() + "' is not a valid "
                    + invalid.getTargetType().getSimpleName();
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return path(mapping) + ": " + e.getOriginalMessage();
        }
        return "not valid JSON: " + e.getOriginalMessage();
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }
}
