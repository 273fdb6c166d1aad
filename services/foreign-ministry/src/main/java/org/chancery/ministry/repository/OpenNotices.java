package org.chancery.ministry.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.chancery.events.Lane;
import org.chancery.events.NoticeStatus;
import org.chancery.events.Precedence;
import org.chancery.messaging.Database;
import org.chancery.messaging.SqlArrays;

/**
 * The sent notices still under way (not yet at a final status), and those that lately ended: what
 * the backlog of a lane is made of. Each read is one indexed statement (V6).
 */
@ApplicationScoped
public class OpenNotices {

    /** The statuses of a notice under way, as the partial index {@code sent_notice_open} names them. */
    private static final String OPEN = statusList(false);
    private static final String ENDED = statusList(true);

    @Inject
    Database database;

    /** Notices under way, per lane and sending state. */
    public Map<Lane, Map<String, Long>> openByState() {
        return database.call(connection -> {
            try (PreparedStatement query = connection.prepareStatement("select precedence, from_state, count(*) "
                    + "from sent_notice where status in (" + OPEN + ") group by precedence, from_state")) {
                Map<Lane, Map<String, Long>> counts = new EnumMap<>(Lane.class);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        counts.computeIfAbsent(Lane.of(Precedence.valueOf(rows.getString(1))), l -> new HashMap<>())
                                .merge(rows.getString(2), rows.getLong(3), Long::sum);
                    }
                }
                return counts;
            }
        });
    }

    /** Notices that reached a final status since then, per precedence. */
    public Map<Precedence, Long> endedSince(Instant since) {
        return perPrecedence("select n.precedence, count(*) from status_change c join sent_notice n on n.id = c.notice_id "
                + "where c.status in (" + ENDED + ") and c.at > ? group by n.precedence", since);
    }

    /** Notices of these precedences under way that were accepted before then: those ahead of a notice. */
    public long acceptedBefore(Collection<Precedence> precedences, Instant acceptedAt) {
        return database.call(connection -> {
            try (PreparedStatement query = connection.prepareStatement("select count(*) from sent_notice where status in ("
                    + OPEN + ") and precedence = any(?) and accepted_at < ?")) {
                query.setArray(1, SqlArrays.texts(connection, precedences.stream().map(Precedence::name).toList()));
                query.setTimestamp(2, Timestamp.from(acceptedAt));
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }

    private Map<Precedence, Long> perPrecedence(String sql, Instant since) {
        return database.call(connection -> {
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                if (since != null) {
                    query.setTimestamp(1, Timestamp.from(since));
                }
                Map<Precedence, Long> counts = new EnumMap<>(Precedence.class);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        counts.put(Precedence.valueOf(rows.getString(1)), rows.getLong(2));
                    }
                }
                return counts;
            }
        });
    }

    private static String statusList(boolean ended) {
        return Stream.of(NoticeStatus.values()).filter(s -> s.isFinal() == ended).map(s -> "'" + s.name() + "'")
                .collect(Collectors.joining(", "));
    }
}
