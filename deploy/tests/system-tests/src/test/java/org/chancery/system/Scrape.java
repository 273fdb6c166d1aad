package org.chancery.system;

import static io.restassured.RestAssured.given;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What Prometheus scrapes from a service's /q/metrics, and the value of one series in it. */
record Scrape(String text) {

    static Scrape of(String serviceUrl) {
        return new Scrape(given().baseUri(serviceUrl).get("/q/metrics").then().statusCode(200).extract().asString());
    }

    /** A series as Prometheus writes it, labels sorted by name: {@code name{a="1",b="2"}}. */
    Optional<Double> value(String series) {
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " ([0-9.eE+-]+)", Pattern.MULTILINE).matcher(text);
        return m.find() ? Optional.of(Double.parseDouble(m.group(1))) : Optional.empty();
    }

    @Override
    public String toString() {
        return text;
    }
}
