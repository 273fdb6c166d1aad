package org.chancery.ministry.repository;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneOffset;
import org.chancery.messaging.Database;

/**
 * Numbers the notes a ministry sends, as ministries do: a sequence per sending state and year,
 * {@code USA 2026/00142}. The database gives each number once, whichever replica asks (the row of a
 * state's year is locked while its number is taken), in a transaction of its own: a number given to
 * a note the broker then refused is not given again, so the sequence may have gaps but never repeats.
 * The year is the UTC year in which the note is taken in.
 */
@ApplicationScoped
public class NoteNumbers {

    /** The next number; and its commit does not wait for the disk (see {@link #next}), in the same round trip. */
    static final String NEXT = "insert into note_number (state, year, last) "
            + "select ?, ?, 1 from (select set_config('synchronous_commit', 'off', true)) quick "
            + "on conflict (state, year) do update set last = note_number.last + 1 returning last";

    @Inject
    Database database;

    /** The reference of the next note {@code state} sends, in the year (UTC) of {@code at}. */
    public String next(String state, Instant at) {
        int year = at.atZone(ZoneOffset.UTC).getYear();
        // A transaction of its own, whatever the caller's: the state's row is locked only this long.
        // Its commit does not wait for the disk: the note that takes the number commits after it, and
        // writing that commit durably writes this one too. A number lost in a crash before then was
        // given to no note taken in, so none is ever given to two.
        int number = QuarkusTransaction.requiringNew().call(() -> database.call(connection -> {
            try (PreparedStatement next = connection.prepareStatement(NEXT)) {
                next.setString(1, state);
                next.setInt(2, year);
                try (ResultSet row = next.executeQuery()) {
                    row.next();
                    return row.getInt(1);
                }
            }
        }));
        return reference(state, year, number);
    }

    /** A note's reference: state, year, and its number in that year, five digits at least. */
    public static String reference(String state, int year, int number) {
        return String.format("%s %d/%05d", state, year, number);
    }
}
