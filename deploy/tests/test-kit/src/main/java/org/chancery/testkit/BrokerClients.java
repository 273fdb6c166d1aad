package org.chancery.testkit;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How a test's own Kafka clients log in to the brokers of this run, by bootstrap address: the
 * broker is closed, and a test that plays any party or reads every topic does so as its operator.
 */
public final class BrokerClients {

    private static final Map<String, Map<String, Object>> LOGINS = new ConcurrentHashMap<>();

    private BrokerClients() {
    }

    /** Remembers how to log in at {@code bootstrapServers}. */
    public static void register(String bootstrapServers, Map<String, Object> login) {
        LOGINS.put(bootstrapServers, Map.copyOf(login));
    }

    /** A client configuration for {@code bootstrapServers}, with its login if one was registered. */
    public static Map<String, Object> config(String bootstrapServers) {
        Map<String, Object> config = new HashMap<>(LOGINS.getOrDefault(bootstrapServers, Map.of()));
        config.put("bootstrap.servers", bootstrapServers);
        return config;
    }
}
