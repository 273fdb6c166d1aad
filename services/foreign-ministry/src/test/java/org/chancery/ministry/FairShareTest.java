package org.chancery.ministry;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.Map;
import org.chancery.testkit.ChanceryTestResource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * One state's flood cannot take another state's FLASH from it: with no channel answering, an urgent
 * lane assumed to drain one notice a second and to give its notices 10 s carries ten in time; a
 * state alone may hold half of that, and each state that sends too makes every share smaller, so
 * that there is always room for the next. The backlog is not read again from the database while
 * the test runs: a reading taken while a notice is being stored counts it twice until the next one
 * (refusing early, never late), and the test counts the share exactly.
 */
@Tag("stack")
@QuarkusTest
@WithTestResource(ChanceryTestResource.class)
@TestProfile(FairShareTest.SmallUrgentLane.class)
class FairShareTest {

    public static class SmallUrgentLane implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("chancery.ministry.admission.least-drain-rate", "1",
                    "chancery.ministry.admission.backlog-read-every", "off",
                    "chancery.ministry.admission.longest-wait.flash", "10s",
                    "chancery.ministry.admission.longest-wait.immediate", "10s");
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void aStatesFloodLeavesRoomForAnotherStatesFlash() {
        Channels.publishRegistries(bootstrap);
        int accepted = 0;
        Response answer = AdmissionTest.submit("USA", "FLASH", "\"DEU\"", null);
        while (answer.statusCode() == 202 && accepted < 20) {
            accepted++;
            answer = AdmissionTest.submit("USA", "FLASH", "\"DEU\"", null);
        }
        assertEquals(5, accepted, "the United States alone holds half of what the lane carries in time");
        answer.then().statusCode(429).contentType("application/problem+json")
                .body("title", equalTo("Over its share of the lane"))
                .body("lane", equalTo("urgent"))
                .body("detail", containsString("the ministry of USA holds 5 notices under way in the urgent lane"));

        AdmissionTest.submit("DEU", "FLASH", "\"USA\"", null).then().statusCode(202);
        AdmissionTest.submit("FRA", "FLASH", "\"GBR\"", null).then().statusCode(202);
        AdmissionTest.submit("USA", "FLASH", "\"DEU\"", null).then().statusCode(429);
    }
}
