package org.chancery.hotline;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.chancery.local.testing.ChanceryTestResource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(ChanceryTestResource.class)
class HealthTest {

    @Test
    void readinessReflectsTheBrokerAndTheDatabase() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem("Database connections health check"))
                .body("checks.name", hasItem("SmallRye Reactive Messaging - readiness check"));
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/openapi?format=json").then().statusCode(200);
    }
}
