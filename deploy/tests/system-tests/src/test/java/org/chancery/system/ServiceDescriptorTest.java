package org.chancery.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.chancery.events.HopTopic;
import org.chancery.events.Service;
import org.chancery.events.Topics;
import org.junit.jupiter.api.Test;

/**
 * What each service's own configuration says agrees with its {@link Service descriptor}: its folder,
 * name, port, the steps it consumes, and the audience of its tokens where it reads the revoked ones.
 */
class ServiceDescriptorTest {

    @Test
    void theServicesInTheCodeAreTheDescribedOnes() {
        assertEquals(new TreeSet<>(Service.ids()), new TreeSet<>(ServiceConfig.services()));
    }

    @Test
    void eachServicesPropertiesAgreeWithItsDescriptor() {
        for (Service service : Service.values()) {
            Properties own = ServiceConfig.properties(service.id());
            assertEquals(service.id(), own.getProperty("quarkus.application.name"), service.id());
            assertEquals(service.httpPort(), ServiceConfig.port(service.id()), service.id());
            assertEquals(service.consumes(), steps(own.getProperty("chancery.pipeline.steps")), service.id());
            boolean checksTokens = service.reads().contains(Topics.TOKENS_REVOKED);
            assertEquals(checksTokens ? service.id() : null, own.getProperty("mp.jwt.verify.audiences"), service.id());
        }
    }

    @Test
    void settingsGroupedInCodeAreKnownByTheirNames() {
        Set<String> variables = ServiceConfig.variables(Service.EMBASSY.id());
        assertTrue(variables.containsAll(Set.of("CHANCERY_SIGNING_PRIVATE_KEY", "CHANCERY_SIGNING_TRUSTED_KEYS",
                "CHANCERY_PUBLISH_LINGER_MS", "CHANCERY_PIPELINE_LAG_BOUND_URGENT")), variables::toString);
    }

    /** The steps as {@code chancery.pipeline.steps} names them: {@code all}, or {@code dispatch-embassy,...}. */
    private static Set<HopTopic> steps(String names) {
        if (names.trim().equals("all")) {
            return EnumSet.allOf(HopTopic.class);
        }
        Set<HopTopic> steps = EnumSet.noneOf(HopTopic.class);
        Stream.of(names.split(",")).map(String::trim)
                .forEach(n -> steps.add(HopTopic.valueOf(n.toUpperCase(Locale.ROOT).replace('-', '_'))));
        return steps;
    }
}
