package org.chancery.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import org.chancery.local.ChildProcess;
import org.chancery.testkit.FreshDatabase;

/** The hotline operator's hand in the system tests. */
final class Hotlines {

    private Hotlines() {
    }

    static void declare(String line, String status, String note) {
        given().baseUri(RunningSystem.stack().url("hotline")).contentType(ContentType.JSON)
                .body(Map.of("status", status, "note", note))
                .put("/hotlines/" + line + "/status").then().statusCode(200);
    }

    /**
     * Submits a FLASH deconfliction notice from Washington to Moscow whose line goes down while the
     * notice is on its way: the hotline service is frozen when the notice is dispatched, and the
     * operator's declaration reaches the line's record meanwhile, as through another replica. The
     * caller brings the line back with {@link #declare}.
     */
    static String noticeWhoseLineGoesDownOnTheWay(String line) throws SQLException {
        await().atMost(Notices.WAIT).untilAsserted(() -> given().baseUri(Notices.ministry())
                .get("/routes?from=USA&to=RUS&kind=DECONFLICTION_NOTICE&precedence=FLASH").then()
                .body("routes[0].via[0]", equalTo("hotline:" + line)));
        ChildProcess hotline = RunningSystem.stack().child("hotline");
        hotline.pause();
        try {
            String id = Notices.accepted("USA", "RUS", "DECONFLICTION_NOTICE", "FLASH");
            FreshDatabase db = RunningSystem.database();
            try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
                    var st = c.prepareStatement("insert into hotline.line_status (line_id, status, note, changed_at) "
                            + "values (?, 'DOWN', 'cable cut', now()) on conflict (line_id) do update set "
                            + "status = excluded.status, note = excluded.note, changed_at = excluded.changed_at")) {
                st.setString(1, line);
                st.executeUpdate();
            }
            return id;
        } finally {
            hotline.resume();
        }
    }
}
