package org.chancery.ministry.repository;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.chancery.messaging.Database;

/**
 * Numbers the notes a ministry sends, as ministries do: a sequence per sending state and year,
 * {@code USA 2026/00142}. The database gives each number once, whichever replica asks (the row of a
 * state's year is locked while its numbers are taken), in a transaction of its own: a number given to
 * a note the broker then refused is not given again, so the sequence may have gaps but never repeats.
 * The year is the UTC year in which the note is taken in.
 *
 * <p>The notes of a state asking for numbers at once share one round trip: whichever of them takes
 * the state's turn takes a number for each note waiting, in the order they asked. Under a flood from
 * one state, a round trip a note would hold its intake to what one row lock passes a second, below
 * what the lane drains, so no backlog would build and the door would never refuse.
 */
@ApplicationScoped
public class NoteNumbers {

    /**
     * The last of the next {@code count} numbers; and, in the same round trip, its commit does not
     * wait for the disk (see {@link #take}).
     */
    static final String NEXT = "insert into note_number (state, year, last) "
            + "select ?, ?, ? from (select set_config('synchronous_commit', 'off', true)) quick "
            + "on conflict (state, year) do update set last = note_number.last + excluded.last returning last";

    @Inject
    Database database;

    /** The notes of one state and year waiting for their numbers, and the turn to take them. */
    private static final class Waiting {
        final ReentrantLock turn = new ReentrantLock();
        final Queue<CompletableFuture<Integer>> notes = new ConcurrentLinkedQueue<>();
    }

    private record Year(String state, int year) {
    }

    private final Map<Year, Waiting> waiting = new ConcurrentHashMap<>();

    /** The reference of the next note {@code state} sends, in the year (UTC) of {@code at}. */
    public String next(String state, Instant at) {
        Year year = new Year(state, at.atZone(ZoneOffset.UTC).getYear());
        Waiting queue = waiting.computeIfAbsent(year, y -> new Waiting());
        CompletableFuture<Integer> mine = new CompletableFuture<>();
        queue.notes.add(mine);
        queue.turn.lock();
        try {
            if (!mine.isDone()) {
                numberAll(year, queue.notes);
            }
        } finally {
            queue.turn.unlock();
        }
        try {
            return reference(state, year.year(), mine.join());
        } catch (CompletionException e) {
            // Another caller's turn failed for this one too: its failure, as the database gave it.
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Numbers every note waiting, this caller's among them, in the order they asked. */
    private void numberAll(Year year, Queue<CompletableFuture<Integer>> notes) {
        List<CompletableFuture<Integer>> taking = new ArrayList<>();
        for (CompletableFuture<Integer> note; (note = notes.poll()) != null; ) {
            taking.add(note);
        }
        try {
            int first = take(year, taking.size()) - taking.size() + 1;
            for (int i = 0; i < taking.size(); i++) {
                taking.get(i).complete(first + i);
            }
        } catch (RuntimeException | Error e) {
            // No note taken off the queue is left waiting for a number nobody will give it.
            taking.forEach(note -> note.completeExceptionally(e));
            throw e;
        }
    }

    /** Takes {@code count} numbers; returns the last of them. */
    private int take(Year year, int count) {
        // A transaction of its own, whatever the caller's: the state's row is locked only this long.
        // Its commit does not wait for the disk: the note that takes a number commits after it, and
        // writing that commit durably writes this one too. A number lost in a crash before then was
        // given to no note taken in, so none is ever given to two.
        return QuarkusTransaction.requiringNew().call(() -> database.call(connection -> {
            try (PreparedStatement next = connection.prepareStatement(NEXT)) {
                next.setString(1, year.state());
                next.setInt(2, year.year());
                next.setInt(3, count);
                try (ResultSet row = next.executeQuery()) {
                    row.next();
                    return row.getInt(1);
                }
            }
        }));
    }

    /** A note's reference: state, year, and its number in that year, five digits at least. */
    public static String reference(String state, int year, int number) {
        return String.format("%s %d/%05d", state, year, number);
    }
}
