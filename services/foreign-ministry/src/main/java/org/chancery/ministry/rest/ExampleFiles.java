package org.chancery.ministry.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.examples.Example;
import org.eclipse.microprofile.openapi.models.parameters.RequestBody;

/**
 * Request examples kept as files under {@value #FOLDER}, where they can be pasted from, and named
 * by {@code @ExampleObject(externalValue = ...)}: at build time each is read into the API
 * description as its value, so that the description shows it (and Swagger UI sends it) as if it
 * were written in the annotation. A file that is missing fails the build.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ExampleFiles implements OASFilter {

    /** Where the examples are kept in the repository; the build copies them to {@code examples/} on the class path. */
    static final String FOLDER = "docs/examples/";

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public RequestBody filterRequestBody(RequestBody body) {
        if (body.getContent() != null) {
            body.getContent().getMediaTypes().values().forEach(type -> {
                if (type.getExamples() != null) {
                    type.getExamples().values().forEach(this::inline);
                }
            });
        }
        return body;
    }

    private void inline(Example example) {
        String file = example.getExternalValue();
        if (file == null || !file.startsWith(FOLDER)) {
            return;
        }
        String resource = "/examples/" + file.substring(FOLDER.length());
        try (InputStream in = ExampleFiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no example " + file + " (looked for " + resource + ")");
            }
            // Maps and lists, as the annotation's own JSON values are read.
            example.setValue(json.readValue(in, Object.class));
            example.setExternalValue(null);
        } catch (IOException e) {
            throw new UncheckedIOException("example " + file + " is not JSON", e);
        }
    }
}
