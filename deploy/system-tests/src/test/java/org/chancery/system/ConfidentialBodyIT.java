package org.chancery.system;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The body of a CONFIDENTIAL or higher notice reaches the receiving ministry, but the audit keeps
 * only its digest. No service writes a body, of any classification, to a log. An unclassified
 * body is in the audit's store: the check below can see a body where there is one.
 */
@ExtendWith(RunningSystem.class)
class ConfidentialBodyIT {

    @Test
    void aProtectedBodyIsNeitherStoredByTheAuditNorLogged() throws Exception {
        String open = "open-" + UUID.randomUUID();
        String openId = submit("UNCLASSIFIED", open);
        Notices.awaitVerifiedPath(openId);
        assertTrue(auditRowsHolding(open) > 0, "the unclassified body is kept by the audit");
        assertEquals(List.of(), logsHolding(open), "no body is written to a log");

        for (String classification : List.of("CONFIDENTIAL", "SECRET", "TOP_SECRET")) {
            String secret = "sealed-" + UUID.randomUUID();
            String id = submit(classification, secret);
            Notices.awaitStatus(id, "ACKNOWLEDGED");
            JsonPath path = Notices.awaitVerifiedPath(id);
            assertNull(path.get("notice.body"), classification);
            assertNotNull(path.get("notice.bodyDigest"), classification);
            assertEquals(0, auditRowsHolding(secret), classification + " body stored by the audit");
            assertEquals(List.of(), logsHolding(secret), classification + " body written to a log");
        }
    }

    private static String submit(String classification, String body) {
        return given().baseUri(Notices.ministry()).contentType(ContentType.JSON).body("""
                {"from":"USA","to":"DEU","kind":"NOTE_VERBALE","classification":"%s","subject":"Sealed",
                 "body":"%s"}""".formatted(classification, body)).post("/notices").then().statusCode(202)
                .extract().path("id");
    }

    private static int auditRowsHolding(String text) throws Exception {
        int rows = 0;
        try (Connection db = DriverManager.getConnection(RunningSystem.database().url(), RunningSystem.database().user(),
                RunningSystem.database().password())) {
            for (String table : List.of("audit.hop", "audit.hop_conflict", "audit.rejected_hop")) {
                try (PreparedStatement query = db.prepareStatement("select count(*) from " + table
                        + " where payload like ?")) {
                    query.setString(1, "%" + text + "%");
                    try (ResultSet result = query.executeQuery()) {
                        result.next();
                        rows += result.getInt(1);
                    }
                }
            }
        }
        return rows;
    }

    private static List<Path> logsHolding(String text) throws IOException {
        try (Stream<Path> files = Files.walk(RunningSystem.logs())) {
            return files.filter(Files::isRegularFile).filter(f -> contains(f, text)).toList();
        }
    }

    private static boolean contains(Path file, String text) {
        try {
            return new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1).contains(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
