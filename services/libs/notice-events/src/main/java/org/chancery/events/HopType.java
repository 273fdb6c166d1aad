package org.chancery.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Set;
import java.util.TreeSet;

/** What a hop did. The wire value is also the CloudEvents {@code ce_type}. */
public enum HopType {
    /** The sending ministry handed the notice to a channel. */
    NOTICE_DISPATCHED("chancery.notice.dispatched"),
    /** A party of the channel passed the notice on to the next, e.g. a protecting power to its interests section. */
    NOTICE_RELAYED("chancery.notice.relayed"),
    /** The channel handed the notice to the receiving ministry. */
    NOTICE_DELIVERED("chancery.notice.delivered"),
    /** The channel could not deliver the notice; {@code reason} says why. */
    NOTICE_FAILED("chancery.notice.failed"),
    /** The receiving ministry acknowledged the notice; the receipt starts back by the same channel. */
    NOTICE_ACKNOWLEDGED("chancery.notice.acknowledged"),
    /** The receiving ministry returned the notice; {@code reason} says why. The receipt starts back. */
    NOTICE_REJECTED("chancery.notice.rejected"),
    /** A party of the channel passed the receipt on towards the sending ministry. */
    RECEIPT_RELAYED("chancery.receipt.relayed"),
    /** The channel handed the receipt to the sending ministry. */
    RECEIPT_DELIVERED("chancery.receipt.delivered"),
    /** The sending ministry recorded the receipt: the notice's path is complete. */
    RECEIPT_RECORDED("chancery.receipt.recorded"),
    /** The receipt of a notice given under a regime came back after the regime's acknowledgement window. */
    RECEIPT_LATE("chancery.receipt.late"),
    /** The notice's deadline passed before a receipt came back. */
    NOTICE_OVERDUE("chancery.notice.overdue"),
    /** Every planned route failed: the notice cannot be delivered. */
    NOTICE_UNDELIVERABLE("chancery.notice.undeliverable");

    private final String ceType;

    HopType(String ceType) {
        this.ceType = ceType;
    }

    /** The one service that emits the ministries' acts. */
    public static final String MINISTRY_SERVICE = Service.FOREIGN_MINISTRY.id();

    /**
     * Who may emit a hop of this type on this channel: the ministry its own acts (dispatching,
     * answering, recording, deadlines), the channel's service what the channel does (relaying,
     * delivering, failing). Null when no one may: a channel's act without a channel.
     */
    public String emitter(Channel channel) {
        return switch (this) {
            case NOTICE_DISPATCHED, NOTICE_ACKNOWLEDGED, NOTICE_REJECTED, RECEIPT_RECORDED, RECEIPT_LATE,
                    NOTICE_OVERDUE, NOTICE_UNDELIVERABLE -> MINISTRY_SERVICE;
            case NOTICE_RELAYED, NOTICE_DELIVERED, NOTICE_FAILED, RECEIPT_RELAYED, RECEIPT_DELIVERED ->
                    channel == null ? null : channel.service();
        };
    }

    /** The services that emit hops at all: the ministry and each channel's service (not the audit). */
    public static Set<String> emitters() {
        Set<String> services = new TreeSet<>();
        for (Service service : Service.values()) {
            if (service.emitsHops()) {
                services.add(service.id());
            }
        }
        return services;
    }

    @JsonValue
    public String ceType() {
        return ceType;
    }

    @JsonCreator
    public static HopType ofCeType(String ceType) {
        for (HopType type : values()) {
            if (type.ceType.equals(ceType)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown hop type: " + ceType);
    }
}
