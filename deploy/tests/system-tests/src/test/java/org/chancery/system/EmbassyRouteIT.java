package org.chancery.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The embassy route through the running system: REST in, hops over a real broker, receipt back, audit. */
@ExtendWith(RunningSystem.class)
class EmbassyRouteIT {

    @Test
    void aNoteVerbaleReachesTheReceivingMinistryAndItsReceiptComesBack() {
        Response accepted = Notices.submit("USA", "DEU", "NOTE_VERBALE", "ROUTINE", null);
        accepted.then().statusCode(202)
                .header("Location", matchesPattern(".*/notices/[0-9a-f-]{36}"))
                .body("id", notNullValue())
                .body("status", equalTo("IN_TRANSIT"));
        String id = accepted.jsonPath().getString("id");
        given().get(accepted.header("Location")).then().statusCode(200).body("id", equalTo(id));

        Notices.awaitStatus(id, "ACKNOWLEDGED");
        given().baseUri(Notices.ministry()).get("/notices/" + id + "/receipt").then().statusCode(200)
                .body("outcome", equalTo("ACKNOWLEDGED")).body("by", equalTo("DEU"));

        JsonPath path = Notices.awaitVerifiedPath(id);
        assertEquals(id, path.getString("noticeId"));
        given().baseUri(Notices.audit()).get("/notices/" + id + "/path").then()
                .body("hops.hop", contains(1, 2, 3, 4, 5))
                .body("hops.service", contains("foreign-ministry", "embassy", "foreign-ministry", "embassy",
                        "foreign-ministry"))
                .body("hops.type", contains("chancery.notice.dispatched", "chancery.notice.delivered",
                        "chancery.notice.acknowledged", "chancery.receipt.delivered", "chancery.receipt.recorded"))
                .body("hops.from", contains("ministry:USA", "embassy:USA@DEU", "ministry:DEU", "embassy:USA@DEU",
                        "ministry:USA"))
                .body("hops.at", everyItem(notNullValue()))
                .body("findings", hasSize(0));
        List<String> times = path.getList("hops.at");
        for (int i = 1; i < times.size(); i++) {
            assertTrue(!Instant.parse(times.get(i)).isBefore(Instant.parse(times.get(i - 1))), times::toString);
        }
    }

    @Test
    void noticesSubmittedTogetherAreEachAcknowledgedAndVerified() {
        String[][] pairs = {{"GBR", "JPN"}, {"ITA", "CHE"}, {"CAN", "MEX"}, {"SWE", "IND"}, {"DEU", "USA"}};
        List<CompletableFuture<String>> submitted = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String[] pair = pairs[i % pairs.length];
            submitted.add(CompletableFuture.supplyAsync(() -> Notices.accepted(pair[0], pair[1], "NOTE_VERBALE",
                    "ROUTINE")));
        }
        for (String id : submitted.stream().map(CompletableFuture::join).toList()) {
            Notices.awaitStatus(id, "ACKNOWLEDGED");
            assertEquals(5, Notices.awaitVerifiedPath(id).getList("hops").size());
        }
    }
}
