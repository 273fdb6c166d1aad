package org.chancery.messaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The batch writer without a database: the SQL a declaration makes, and the arrays it binds. */
class BatchTest {

    enum Colour { RED }

    record Row(UUID id, String name, Colour colour, Integer count, Long offset, Instant at) {
    }

    private static final Batch<Row> ROWS = Batch.<Row>columns()
            .uuid("id", Row::id)
            .text("name", Row::name)
            .enumName("colour", Row::colour)
            .int4("count", Row::count)
            .int8("kafka_offset", Row::offset)
            .timestamptz("at", Row::at)
            .insertInto("thing", "on conflict (id) do nothing returning id");

    private static final UUID ID = UUID.fromString("0190a6a4-0000-7000-8000-000000000001");
    private static final Instant AT = Instant.parse("2025-03-01T12:00:00.123456Z");

    @Test
    void anInsertNamesEachColumnOnceAndCastsEachArray() {
        assertEquals("insert into thing (id, name, colour, count, kafka_offset, at) select * from "
                + "unnest(?::uuid[], ?::text[], ?::text[], ?::int4[], ?::int8[], ?::timestamptz[]) "
                + "as u(id, name, colour, count, kafka_offset, at) on conflict (id) do nothing returning id", ROWS.sql());
        assertEquals(1, ROWS.firstArray());
        assertEquals("id, name, colour, count, kafka_offset, at", ROWS.names());
    }

    @Test
    void aPlainInsertEndsWithItsRows() {
        Batch<UUID> ids = Batch.<UUID>columns().uuid("event_id", id -> id).insertInto("seen");
        assertEquals("insert into seen (event_id) select * from unnest(?::uuid[]) as u(event_id)", ids.sql());
    }

    @Test
    void aStatementPlacesTheRowsAndTheColumnsWhereItSays() {
        Batch<Row> update = Batch.<Row>columns()
                .uuid("id", Row::id)
                .text("name", Row::name)
                .statement("update thing t set name = u.name from {rows} where t.id = u.id and t.kind = ?");
        assertEquals("update thing t set name = u.name from unnest(?::uuid[], ?::text[]) as u(id, name) "
                + "where t.id = u.id and t.kind = ?", update.sql());
        Batch<Row> withNow = Batch.<Row>columns().uuid("id", Row::id)
                .statement("insert into thing ({columns}, at) select *, now() from {rows}");
        assertEquals("insert into thing (id, at) select *, now() from unnest(?::uuid[]) as u(id)", withNow.sql());
    }

    @Test
    void eachColumnIsOneArrayInTheRowsOrderNullsKept() {
        Row full = new Row(ID, "a", Colour.RED, 3, 7L, AT);
        Row empty = new Row(null, null, null, null, null, null);
        Object[][] arrays = ROWS.arrays(List.of(full, empty));
        assertEquals(6, arrays.length);
        assertArrayEquals(new Object[] {ID, null}, arrays[0]);
        assertArrayEquals(new Object[] {"a", null}, arrays[1]);
        assertArrayEquals(new Object[] {"RED", null}, arrays[2]);
        assertArrayEquals(new Object[] {3, null}, arrays[3]);
        assertArrayEquals(new Object[] {7L, null}, arrays[4]);
        // Instants go as their ISO text, to the microsecond, as timestamptz reads them.
        assertArrayEquals(new Object[] {"2025-03-01T12:00:00.123456Z", null}, arrays[5]);
    }

    @Test
    void anyCollectionOfRowsWillDoInItsIterationOrder() {
        UUID other = UUID.fromString("0190a6a4-0000-7000-8000-000000000002");
        Batch<UUID> ids = Batch.<UUID>columns().uuid("id", id -> id).insertInto("seen");
        assertArrayEquals(new Object[] {other, ID}, ids.arrays(new LinkedHashSet<>(List.of(other, ID)))[0]);
        assertEquals(0, ids.arrays(List.of())[0].length);
    }

    @Test
    void bindingSetsOneArrayPerColumnOfItsTypeInOrder() throws Exception {
        List<String> calls = new ArrayList<>();
        ROWS.bind(connection(calls), statement(calls), List.of(new Row(ID, "a", Colour.RED, 3, 7L, AT)));
        assertEquals(List.of("array uuid of 1", "set 1", "array text of 1", "set 2", "array text of 1", "set 3",
                "array int4 of 1", "set 4", "array int8 of 1", "set 5", "array timestamptz of 1", "set 6"), calls);
    }

    @Test
    void theCallersParametersKeepTheirPlacesAroundTheArrays() throws Exception {
        Batch<Row> keys = Batch.<Row>columns().text("name", Row::name).uuid("id", Row::id)
                .statement("insert into thing (kind, {columns}) select ?, u.* from {rows} where u.id <> ?");
        assertEquals("insert into thing (kind, name, id) select ?, u.* from unnest(?::text[], ?::uuid[]) as u(name, id) "
                + "where u.id <> ?", keys.sql());
        assertEquals(2, keys.firstArray());
        List<String> calls = new ArrayList<>();
        keys.bind(connection(calls), statement(calls), List.of(new Row(ID, "a", null, null, null, null)));
        assertEquals(List.of("array text of 1", "set 2", "array uuid of 1", "set 3"), calls);
    }

    @Test
    void aQuestionMarkThatIsNoParameterIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Batch.<Row>columns().uuid("id", Row::id)
                .statement("update thing t set note = 'why?' from {rows} where t.id = u.id"));
        assertThrows(IllegalArgumentException.class, () -> Batch.<Row>columns().uuid("id", Row::id)
                .statement("update thing t set n = 1 from {rows} where t.id = u.id and t.tags ?| array['a']"));
        // A parameter between two literals is one.
        Batch<Row> between = Batch.<Row>columns().uuid("id", Row::id)
                .statement("update thing t set a = 'x', b = ?, c = 'y' from {rows} where t.id = u.id");
        assertEquals(2, between.firstArray());
    }

    @Test
    void aStatementWithoutItsRowsOrWithThemTwiceIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> Batch.<Row>columns().uuid("id", Row::id).statement("delete from thing"));
        assertThrows(IllegalArgumentException.class,
                () -> Batch.<Row>columns().uuid("id", Row::id).statement("select * from {rows} union select * from {rows}"));
        assertThrows(IllegalArgumentException.class, () -> Batch.<Row>columns().insertInto("thing"));
    }

    /** A connection that makes arrays and notes each it made. */
    private Connection connection(List<String> calls) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("createArrayOf")) {
                        calls.add("array " + args[0] + " of " + ((Object[]) args[1]).length);
                        return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Array.class},
                                (p, m, a) -> null);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** A statement that notes the place of each array set on it. */
    private PreparedStatement statement(List<String> calls) {
        return (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
                    if (method.getName().equals("setArray")) {
                        calls.add("set " + args[0]);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
