package org.chancery.ministry.domain;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.chancery.events.registry.Hotline;
import org.chancery.events.registry.Mandate;
import org.chancery.events.registry.Mandates;
import org.chancery.events.registry.Mission;

/**
 * What the channel services offer, as they published it on their registry topics: the state a
 * ministry plans routes from. Updated as registry events arrive.
 */
public class ChannelRegistry implements Mandates {

    private final Map<String, Mission> missions = new ConcurrentHashMap<>();
    private final Map<String, Hotline> hotlines = new ConcurrentHashMap<>();
    private final Map<String, Mandate> mandates = new ConcurrentHashMap<>();

    public static ChannelRegistry of(Collection<Mission> missions, Collection<Hotline> hotlines,
            Collection<Mandate> mandates) {
        ChannelRegistry registry = new ChannelRegistry();
        missions.forEach(m -> registry.missions.put(m.key(), m));
        hotlines.forEach(h -> registry.hotlines.put(h.key(), h));
        mandates.forEach(m -> registry.mandates.put(m.key(), m));
        return registry;
    }

    public Optional<Mission> mission(String sending, String host) {
        return Optional.ofNullable(missions.get(Mission.key(sending, host)));
    }

    /** The lines between two states, in the order of their ids (the planner orders them by fit). */
    public List<Hotline> hotlines(String a, String b) {
        return hotlines.values().stream().filter(h -> h.links(a, b))
                .sorted(java.util.Comparator.comparing(Hotline::id)).toList();
    }

    /** The mandates for {@code sending}'s interests in {@code receiving}, in force first. */
    @Override
    public List<Mandate> mandates(String sending, String receiving) {
        return mandates.values().stream()
                .filter(m -> m.sending().equals(sending) && m.receiving().equals(receiving))
                .sorted(java.util.Comparator.comparing((Mandate m) -> !m.inForce()).thenComparing(Mandate::key))
                .toList();
    }

    public void putMission(String key, Mission mission) {
        put(missions, key, mission);
    }

    public void putHotline(String key, Hotline hotline) {
        put(hotlines, key, hotline);
    }

    public void putMandate(String key, Mandate mandate) {
        put(mandates, key, mandate);
    }

    private static <T> void put(Map<String, T> map, String key, T value) {
        if (value == null) {
            map.remove(key);
        } else {
            map.put(key, value);
        }
    }
}
