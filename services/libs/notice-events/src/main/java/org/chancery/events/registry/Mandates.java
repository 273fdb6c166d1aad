package org.chancery.events.registry;

import java.util.List;

/** The mandates a registry holds for {@code sending}'s interests in {@code receiving}: now, or as they stood at a time. */
@FunctionalInterface
public interface Mandates {

    List<Mandate> mandates(String sending, String receiving);
}
