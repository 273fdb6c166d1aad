package org.chancery.local;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} and {@code --flag} arguments, each with an environment variable behind it. */
final class Options {

    private final Map<String, String> values = new HashMap<>();

    static Options parse(String[] args, int from) {
        Options options = new Options();
        for (int i = from; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + arg);
            }
            String name = arg.substring(2);
            int eq = name.indexOf('=');
            if (eq >= 0) {
                options.values.put(name.substring(0, eq), name.substring(eq + 1));
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                options.values.put(name, args[++i]);
            } else {
                options.values.put(name, "true");
            }
        }
        return options;
    }

    /** The option, else the environment variable {@code CHANCERY_<NAME>}, else the default. */
    String get(String name, String fallback) {
        String value = values.get(name);
        if (value == null) {
            value = System.getenv("CHANCERY_" + name.toUpperCase().replace('-', '_'));
        }
        return value == null || value.isBlank() ? fallback : value;
    }

    int getInt(String name, int fallback) {
        String value = get(name, null);
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, not " + value);
        }
    }

    boolean has(String name) {
        return values.containsKey(name);
    }
}
