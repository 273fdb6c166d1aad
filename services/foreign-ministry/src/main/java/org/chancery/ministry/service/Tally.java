package org.chancery.ministry.service;

import org.chancery.events.Channel;
import org.chancery.ministry.service.NoticeMetrics.Outcome;

/**
 * Where the roles count the points notices reach: {@link NoticeMetrics} once the transaction
 * commits; a test, in a list.
 */
public interface Tally {

    void count(Outcome outcome, Channel channel);
}
