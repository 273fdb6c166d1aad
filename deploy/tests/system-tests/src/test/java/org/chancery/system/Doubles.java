package org.chancery.system;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the stores would hold twice had a redelivered hop been processed twice. */
final class Doubles {

    private Doubles() {
    }

    /** What {@link #count} finds when nothing was recorded twice. */
    static final Map<String, Integer> NONE = Map.of("final statuses recorded twice", 0, "hops twice", 0,
            "conflicting copies", 0, "notes without a number", 0, "numbers given twice", 0);

    /** For these notices: final statuses recorded twice, hops kept twice by the audit, conflicting copies, numbers given twice. */
    static Map<String, Integer> count(String url, String user, String password, List<String> ids) throws Exception {
        String in = "('" + String.join("','", ids) + "')";
        Map<String, Integer> doubles = new LinkedHashMap<>();
        try (Connection db = DriverManager.getConnection(url, user, password); Statement sql = db.createStatement()) {
            doubles.put("final statuses recorded twice", count(sql, "select count(*) from (select notice_id from "
                    + "foreign_ministry.status_change where status in ('ACKNOWLEDGED','REJECTED','FAILED') and notice_id in "
                    + in + " group by notice_id having count(*) > 1) d"));
            doubles.put("hops twice", count(sql, "select count(*) from (select notice_id from audit.hop where notice_id in "
                    + in + " group by notice_id, parent_id, type, attempt having count(*) > 1) d"));
            doubles.put("conflicting copies", count(sql, "select count(*) from audit.hop_conflict where notice_id in " + in));
            // Each note numbered once, whichever replica took it in: none without a number, none sharing one.
            doubles.put("notes without a number", count(sql, "select count(*) from foreign_ministry.sent_notice "
                    + "where reference is null and id in " + in));
            doubles.put("numbers given twice", ids.size() - count(sql, "select count(distinct reference) from "
                    + "foreign_ministry.sent_notice where id in " + in));
        }
        return doubles;
    }

    /**
     * For these notices, the work of the deadline keeper: escalations (a route tried because the
     * one before gave no receipt in time) and OVERDUE transitions as the ministry recorded them, and
     * how many of either the audit saw published more than once.
     */
    static Map<String, Integer> timedWork(String url, String user, String password, List<String> ids) throws Exception {
        String in = "('" + String.join("','", ids) + "')";
        Map<String, Integer> work = new LinkedHashMap<>();
        try (Connection db = DriverManager.getConnection(url, user, password); Statement sql = db.createStatement()) {
            work.put("escalations", count(sql, "select count(*) from foreign_ministry.attempt where dispatch_hop like "
                    + "'%\"reason\":\"escalated: %' and notice_id in " + in));
            work.put("overdue", count(sql, "select count(*) from foreign_ministry.status_change where status = 'OVERDUE' "
                    + "and notice_id in " + in));
            work.put("overdue hops", count(sql, "select count(*) from audit.hop where type = 'chancery.notice.overdue' "
                    + "and notice_id in " + in));
            work.put("escalations twice", count(sql, "select count(*) from (select notice_id from audit.hop where type = "
                    + "'chancery.notice.dispatched' and notice_id in " + in + " group by notice_id, attempt having count(*) > 1) d"));
            work.put("overdue twice", count(sql, "select count(*) from (select notice_id from audit.hop where type = "
                    + "'chancery.notice.overdue' and notice_id in " + in + " group by notice_id having count(*) > 1) d"));
        }
        return work;
    }

    private static int count(Statement sql, String query) throws Exception {
        try (ResultSet result = sql.executeQuery(query)) {
            result.next();
            return result.getInt(1);
        }
    }
}
