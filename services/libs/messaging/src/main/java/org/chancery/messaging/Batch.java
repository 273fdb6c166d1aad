package org.chancery.messaging;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One statement for a whole batch of rows: each column declared once, by its name, its SQL type and
 * what a row gives for it; the statement's SQL and the binding of one SQL array per column both come
 * from that declaration. The rows reach the database as {@code unnest(?::uuid[], ?::text[], ...) as
 * u(name, ...)}, so that adding a column is one line. Declare a batch once, in a constant: its SQL is
 * built then, and writing a batch only builds one array per column.
 *
 * <pre>{@code
 * static final Batch<Attempt> ATTEMPTS = Batch.<Attempt>columns()
 *         .uuid("notice_id", a -> a.noticeId)
 *         .int4("number", a -> a.number)
 *         .insertInto("attempt");
 * ...
 * ATTEMPTS.execute(connection, attempts);
 * }</pre>
 *
 * @param <T> what a row is made from
 */
public final class Batch<T> {

    /** In a statement's template: the rows, as {@code unnest(?::type[], ...) as u(name, ...)}. */
    public static final String ROWS = "{rows}";
    /** In a statement's template: the declared columns' names, in order. */
    public static final String COLUMNS = "{columns}";

    /** The SQL types a column can have: the name of the array's element type, and how a value is sent. */
    public enum Type {
        UUID("uuid"), TEXT("text"), INT4("int4"), INT8("int8"),
        /** Exact to the microsecond: sent as the instant's ISO text, which the server reads as timestamptz. */
        TIMESTAMPTZ("timestamptz");

        private final String sql;

        Type(String sql) {
            this.sql = sql;
        }

        /** The element type's name, as {@link Connection#createArrayOf} and a cast want it. */
        public String sql() {
            return sql;
        }

        Object toSql(Object value) {
            return this == TIMESTAMPTZ && value != null ? value.toString() : value;
        }
    }

    /** A column: its name, its type, and what a row gives for it (null for SQL null). */
    public record Column<T>(String name, Type type, Function<? super T, ?> value) {
    }

    private final List<Column<T>> columns;
    private final String names;
    /** jsonb's ?| or ?& operator, or an escaped ??: not a parameter. */
    private static final Pattern OPERATOR = Pattern.compile("\\?[?|&]");

    private final String sql;
    private final int firstArray;

    private Batch(List<Column<T>> columns, String template) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a batch needs a column");
        }
        int rows = template.indexOf(ROWS);
        if (rows < 0 || template.indexOf(ROWS, rows + 1) >= 0) {
            throw new IllegalArgumentException("the statement must hold " + ROWS + " once: " + template);
        }
        // The arrays take the places of {rows}: parameters of the caller's before it come first. Every
        // '?' counts, so a jsonb ? operator or a '?' in a literal would shift every array: refused.
        if (OPERATOR.matcher(template).find() || questionMarkInLiteral(template)) {
            throw new IllegalArgumentException("a '?' that is not a parameter: " + template);
        }
        this.firstArray = 1 + (int) template.substring(0, rows).chars().filter(ch -> ch == '?').count();
        this.columns = List.copyOf(columns);
        this.names = this.columns.stream().map(Column::name).collect(Collectors.joining(", "));
        String unnest = this.columns.stream().map(c -> "?::" + c.type().sql() + "[]")
                .collect(Collectors.joining(", ", "unnest(", ") as u(" + names + ")"));
        this.sql = template.replace(COLUMNS, names).replace(ROWS, unnest);
    }

    /** Whether a '?' stands inside a quoted literal ('' being a quote within one). */
    private static boolean questionMarkInLiteral(String template) {
        boolean quoted = false;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (c == '?' && quoted) {
                return true;
            }
        }
        return false;
    }

    /** Declares the columns of a batch, in the order the statement takes them. */
    public static <T> Columns<T> columns() {
        return new Columns<>();
    }

    /** The statement, built once. */
    public String sql() {
        return sql;
    }

    /** The declared columns' names, in order, comma-separated: for a query that reads the same columns back. */
    public String names() {
        return names;
    }

    /** The declared columns, in order. */
    public List<Column<T>> declared() {
        return columns;
    }

    /**
     * The place of the first array among the statement's parameters: 1, unless the template has
     * parameters of the caller's before {@value #ROWS}. Those after it come at {@code firstArray() +
     * declared().size()}.
     */
    public int firstArray() {
        return firstArray;
    }

    /** One array per column, each holding what every row gives for it, in the rows' order. */
    public Object[][] arrays(Collection<? extends T> rows) {
        Object[][] arrays = new Object[columns.size()][];
        for (int c = 0; c < arrays.length; c++) {
            Column<T> column = columns.get(c);
            Object[] values = new Object[rows.size()];
            int r = 0;
            for (T row : rows) {
                values[r++] = column.type().toSql(column.value().apply(row));
            }
            arrays[c] = values;
        }
        return arrays;
    }

    /** Binds the rows' arrays in the places of {@value #ROWS}, from {@link #firstArray()}. */
    public void bind(Connection connection, PreparedStatement statement, Collection<? extends T> rows)
            throws SQLException {
        Object[][] arrays = arrays(rows);
        for (int c = 0; c < arrays.length; c++) {
            statement.setArray(firstArray + c, connection.createArrayOf(columns.get(c).type().sql(), arrays[c]));
        }
    }

    /** The statement, prepared with the rows bound; the caller binds its own parameters, runs it and closes it. */
    public PreparedStatement prepare(Connection connection, Collection<? extends T> rows) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            bind(connection, statement, rows);
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    /** Writes the rows; returns the update count. */
    public int execute(Connection connection, Collection<? extends T> rows) throws SQLException {
        try (PreparedStatement statement = prepare(connection, rows)) {
            return statement.executeUpdate();
        }
    }

    /** Writes the rows; returns the first column of what the statement returns ({@code returning ...}). */
    public <V> Set<V> executeReturning(Connection connection, Collection<? extends T> rows, Class<V> type)
            throws SQLException {
        try (PreparedStatement statement = prepare(connection, rows); ResultSet returned = statement.executeQuery()) {
            Set<V> values = new HashSet<>();
            while (returned.next()) {
                values.add(returned.getObject(1, type));
            }
            return values;
        }
    }

    /** The columns of a batch, then its statement. */
    public static final class Columns<T> {
        private final List<Column<T>> columns = new ArrayList<>();

        private Columns() {
        }

        public Columns<T> column(String name, Type type, Function<? super T, ?> value) {
            columns.add(new Column<>(name, type, value));
            return this;
        }

        public Columns<T> uuid(String name, Function<? super T, UUID> value) {
            return column(name, Type.UUID, value);
        }

        public Columns<T> text(String name, Function<? super T, String> value) {
            return column(name, Type.TEXT, value);
        }

        /** An enum's name as text, null kept. */
        public Columns<T> enumName(String name, Function<? super T, ? extends Enum<?>> value) {
            return column(name, Type.TEXT, row -> {
                Enum<?> e = value.apply(row);
                return e == null ? null : e.name();
            });
        }

        public Columns<T> int4(String name, Function<? super T, Integer> value) {
            return column(name, Type.INT4, value);
        }

        public Columns<T> int8(String name, Function<? super T, Long> value) {
            return column(name, Type.INT8, value);
        }

        public Columns<T> timestamptz(String name, Function<? super T, Instant> value) {
            return column(name, Type.TIMESTAMPTZ, value);
        }

        /** {@code insert into table (columns) select * from unnest(...)}. */
        public Batch<T> insertInto(String table) {
            return insertInto(table, "");
        }

        /**
         * {@code insert into table (columns) select * from unnest(...)}, then {@code then} (an
         * {@code on conflict} clause, a {@code returning} clause).
         */
        public Batch<T> insertInto(String table, String then) {
            return statement("insert into " + table + " (" + COLUMNS + ") select * from " + ROWS
                    + (then.isEmpty() ? "" : " " + then));
        }

        /**
         * Any other statement over the rows: {@value Batch#ROWS} stands for them, as {@code unnest(...) as
         * u(columns)}, and {@value Batch#COLUMNS} for the columns' names. Parameters of the caller's
         * ({@code ?}, before or after {@value Batch#ROWS}) keep their places; see {@link Batch#firstArray()}.
         */
        public Batch<T> statement(String template) {
            return new Batch<>(columns, template);
        }
    }
}
