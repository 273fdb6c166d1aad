package org.chancery.ministry.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.chancery.events.Precedence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The door reads a notice's precedence as the REST layer would, and passes on whatever it cannot read. */
class NoticeDoorTest {

    @ParameterizedTest(name = "{0} -> {1} x {2}")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            {"from":"USA","precedence":"FLASH","to":"RUS"}                     | FLASH     | 1
            {"from":"USA","to":["FRA","GBR",{"x":["DEU"]}]}                    | ROUTINE   | 3
            {"to":[],"toParties":true,"regime":"NPT"}                          | ROUTINE   | 1
            {"precedence":null}                                                | ROUTINE   | 1
            {"precedence":"IMMEDIATE","precedence":"PRIORITY"}                 | PRIORITY  | 1
            {"meta":{"precedence":"FLASH"},"list":[{"precedence":"FLASH"}]}     | ROUTINE   | 1
            {"precedence":{"name":"FLASH"},"precedence":"PRIORITY"}            | none      | 0
            {"precedence":"flash"}                                             | none      | 0
            {"precedence":1}                                                   | none      | 0
            {"precedence":"FLASH","body":                                      | none      | 0
            {"precedence":"FLASH"} {"precedence":"ROUTINE"}                    | none      | 0
            ["precedence","FLASH"]                                             | none      | 0
            not json                                                           | none      | 0
            """)
    void readsThePrecedenceAndAddresseesOrNothing(String body, Precedence precedence, int addressees) {
        assertEquals(Optional.ofNullable(precedence).map(p -> new NoticeDoor.Seen(p, addressees)),
                NoticeDoor.read(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void moreStatesThanANoticeMayHaveAreLeftToTheRestLayer() {
        String many = "\"DEU\",".repeat(NoticeRequest.MOST_RECIPIENTS);
        assertEquals(Optional.empty(), NoticeDoor.read(("{\"to\":[" + many + "\"FRA\"]}").getBytes(StandardCharsets.UTF_8)));
        assertEquals(Optional.of(new NoticeDoor.Seen(Precedence.ROUTINE, NoticeRequest.MOST_RECIPIENTS)), NoticeDoor.read(
                ("{\"to\":[" + many.substring(0, many.length() - 1) + "]}").getBytes(StandardCharsets.UTF_8)));
    }
}
