package org.chancery.events.registry;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the reference files the channel services ship ({@code reference/*.json}), or a file of
 * the same form that a user points a service at.
 */
public final class ReferenceFiles {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ReferenceFiles() {
    }

    /** A configured file path, or the service's bundled resource when the path is blank. */
    public static InputStream open(String path, String bundledResource) {
        try {
            if (path != null && !path.isBlank()) {
                return Files.newInputStream(Path.of(path));
            }
            InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(bundledResource);
            if (in == null) {
                throw new IllegalStateException("no reference file " + bundledResource + " on the class path");
            }
            return in;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read reference file " + path, e);
        }
    }

    /**
     * The file's missions: its {@code missions} list as it stands; or, in the short form, every
     * ordered pair of its {@code states} with the {@code default}, unless an exception names the pair.
     */
    public static List<Mission> missions(InputStream in) {
        JsonNode root = read(in);
        if (root.has("missions")) {
            return list(root.get("missions"), Mission.class);
        }
        Map<String, Mission> byKey = new LinkedHashMap<>();
        JsonNode fallback = root.path("default");
        for (JsonNode sending : root.path("states")) {
            for (JsonNode host : root.path("states")) {
                if (!sending.equals(host)) {
                    Mission m = new Mission(sending.asText(), host.asText(), fallback.path("resident").asBoolean(true),
                            null, null, null, text(fallback, "note"), text(fallback, "confidence"), text(fallback, "source"));
                    byKey.put(m.key(), m);
                }
            }
        }
        for (JsonNode exception : root.path("exceptions")) {
            Mission m = convert(exception, Mission.class);
            byKey.put(m.key(), m);
        }
        return List.copyOf(byKey.values());
    }

    public static List<Hotline> hotlines(InputStream in) {
        return list(read(in).path("hotlines"), Hotline.class);
    }

    public static List<Mandate> mandates(InputStream in) {
        return list(read(in).path("mandates"), Mandate.class);
    }

    private static <T> List<T> list(JsonNode array, Class<T> type) {
        List<T> items = new ArrayList<>();
        array.forEach(node -> items.add(convert(node, type)));
        return List.copyOf(items);
    }

    private static <T> T convert(JsonNode node, Class<T> type) {
        try {
            return JSON.treeToValue(node, type);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a " + type.getSimpleName() + ": " + node, e);
        }
    }

    private static JsonNode read(InputStream in) {
        try (in) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read reference file", e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
