package org.chancery.messaging;

import java.util.Map;

/**
 * What a service that owns a registry ({@link org.chancery.events.Service#registry()}) publishes on
 * it: every entry, by key. Its one bean of this type is read within the publication's transaction.
 */
public interface RegistryEntries {

    Map<String, ?> entries();
}
