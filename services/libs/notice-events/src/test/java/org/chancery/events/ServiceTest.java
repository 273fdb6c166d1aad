package org.chancery.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The services' descriptors agree with the channels and the hop types, and give the catalogue's registries. */
class ServiceTest {

    @Test
    void eachChannelsServiceSendsOnItsWorkTopicsAndDelivers() {
        for (Channel channel : Channel.values()) {
            Service service = Service.named(channel.service());
            assertTrue(service.sends().containsAll(Set.of(HopTopic.dispatch(channel), HopTopic.DELIVERY)), channel::name);
            assertTrue(service.consumes().contains(HopTopic.dispatch(channel)), channel::name);
            assertTrue(Service.FOREIGN_MINISTRY.sends().contains(HopTopic.dispatch(channel)), channel::name);
        }
    }

    @Test
    void theServicesThatEmitHopsAreTheOnesHopTypesNameAsEmitters() {
        assertEquals(Set.of("foreign-ministry", "embassy", "hotline", "protecting-power"), HopType.emitters());
        assertEquals("foreign-ministry", HopType.MINISTRY_SERVICE);
    }

    @Test
    void namesAndPorts() {
        assertEquals(List.of("foreign-ministry", "embassy", "hotline", "protecting-power", "audit"), Service.ids());
        assertEquals(List.of(8081, 8082, 8083, 8084, 8085),
                List.of(Service.values()).stream().map(Service::httpPort).toList());
        assertEquals(Service.PROTECTING_POWER, Service.named("protecting-power"));
        assertThrows(IllegalArgumentException.class, () -> Service.named("consulate"));
    }

    @Test
    void eachRegistryHasOneOwnerThatReadsItBack() {
        assertEquals(List.of(Topics.REGISTRY_MISSIONS, Topics.REGISTRY_HOTLINES, Topics.REGISTRY_MANDATES),
                Topics.REGISTRY_TOPICS);
        assertEquals(Map.of(Topics.REGISTRY_MISSIONS, "embassy", Topics.REGISTRY_HOTLINES, "hotline",
                Topics.REGISTRY_MANDATES, "protecting-power"), Topics.REGISTRY_OWNERS);
        for (Service service : Service.values()) {
            service.registry().ifPresent(registry -> assertTrue(service.reads().contains(registry.topic()), service::id));
        }
    }

    @Test
    void theTopicsEachServiceWrites() {
        assertEquals(List.of("chancery.dispatch.embassy.urgent", "chancery.dispatch.embassy.routine",
                "chancery.dispatch.hotline.urgent", "chancery.dispatch.hotline.routine",
                "chancery.dispatch.protecting-power.urgent", "chancery.dispatch.protecting-power.routine",
                "chancery.notices.urgent", "chancery.notices.routine", "chancery.dead-letter"),
                Topics.writtenBy("foreign-ministry"));
        assertEquals(List.of("chancery.dispatch.hotline.urgent", "chancery.dispatch.hotline.routine",
                "chancery.delivery.urgent", "chancery.delivery.routine", "chancery.registry.hotlines",
                "chancery.dead-letter"), Topics.writtenBy("hotline"));
        assertEquals(List.of("chancery.dead-letter"), Topics.writtenBy("audit"));
        assertEquals(List.of("chancery.dead-letter"), Topics.writtenBy("no-such-service"));
    }

    @Test
    void stepsAsPrefixes() {
        assertEquals(List.of("chancery.dispatch.", "chancery.delivery.", "chancery.notices."),
                HopTopic.prefixes(Service.AUDIT.consumes()));
        assertEquals(List.of("chancery.dispatch.", "chancery.notices."),
                HopTopic.prefixes(Service.FOREIGN_MINISTRY.sends()));
        assertEquals(List.of("chancery.dispatch.embassy.", "chancery.delivery."),
                HopTopic.prefixes(Service.EMBASSY.sends()));
        assertEquals(List.of(), HopTopic.prefixes(Service.AUDIT.sends()));
    }
}
