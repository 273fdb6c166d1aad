package org.chancery.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code make check} runs every test without the JUnit tag {@code stack}: a test that starts a
 * broker or a database and forgets the tag would make the fast tier need them, so each such test
 * class is found by what it uses and must carry the tag.
 */
class FastTierTest {

    /** What starts a broker or a database in a test: Quarkus's test resources, the kit's, the launcher's. */
    private static final Pattern NEEDS_THE_STACK = Pattern.compile(
            "@QuarkusTest\\b|@WithTestResource\\b|\\bChanceryTestResource\\b|\\bKafkaBroker\\.start|\\bFreshDatabase\\b"
                    + "|\\bEmbeddedPostgres\\b");
    private static final Pattern TAGGED = Pattern.compile("(?m)^@Tag\\(\"stack\"\\)\\s*$");
    private static final Pattern TOP_LEVEL_CLASS = Pattern.compile("(?m)^(public |final |abstract )*class \\w+");

    @Test
    void everyTestThatStartsTheStackCarriesTheTag() throws IOException {
        List<Path> untagged;
        try (Stream<Path> files = Files.walk(ServiceConfig.ROOT)) {
            untagged = files.filter(f -> f.toString().contains("/src/test/java/") && f.toString().endsWith(".java")
                            && !f.toString().contains("/target/") && !f.toString().contains("/deploy/tests/system-tests/"))
                    .filter(FastTierTest::isTestClassThatNeedsTheStack)
                    .filter(f -> !TAGGED.matcher(read(f)).find())
                    .map(ServiceConfig.ROOT::relativize).toList();
        }
        assertEquals(List.of(), untagged, "tests that start a broker or a database without @Tag(\"stack\")");
    }

    @Test
    void theCheckRecognisesATestThatStartsTheStack() {
        String test = "@QuarkusTest\nclass SomeTest {\n    @Test\n    void works() {}\n}\n";
        assertFalse(TAGGED.matcher(test).find());
        assertEquals(true, NEEDS_THE_STACK.matcher(test).find());
    }

    private static boolean isTestClassThatNeedsTheStack(Path file) {
        String source = read(file);
        return source.contains("@Test") || source.contains("@ParameterizedTest")
                ? TOP_LEVEL_CLASS.matcher(source).find() && NEEDS_THE_STACK.matcher(source).find() : false;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(file.toString(), e);
        }
    }
}
