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
import java.util.List;

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

    /** The file's missions, its {@code missions} list. */
    public static List<Mission> missions(InputStream in) {
        return list(read(in).path("missions"), Mission.class);
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
}
