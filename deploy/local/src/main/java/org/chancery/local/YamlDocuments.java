package org.chancery.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/** Kubernetes resources as one YAML stream, written by a YAML library: every value escaped as YAML needs. */
final class YamlDocuments {

    /** Plain scalars where YAML reads them back as the same string; anything number-like quoted. */
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS).build());

    private YamlDocuments() {
    }

    /** {@code comment} (each of its lines after "# "), then each resource as a document of its own. */
    static String of(String comment, List<?> resources) {
        StringWriter out = new StringWriter();
        comment.lines().forEach(line -> out.write("# " + line + "\n"));
        try (SequenceWriter documents = YAML.writer().writeValues(out)) {
            documents.writeAll(resources);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
