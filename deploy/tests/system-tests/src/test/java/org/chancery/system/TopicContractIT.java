package org.chancery.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.chancery.events.Topics;
import org.chancery.events.signing.Authenticity;
import org.chancery.events.signing.RegistrySignature;
import org.chancery.events.signing.TrustedKeys;
import org.chancery.testkit.TopicProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every record the running services put on their topics, checked against the published contract
 * ({@code docs/asyncapi.yaml} and its JSON Schemas): the topic may carry its type, and its value
 * and headers are what the schemas say.
 */
@ExtendWith(RunningSystem.class)
class TopicContractIT {

    @Test
    void everythingTheServicesEmitMatchesThePublishedContract() {
        List<String> ids = new ArrayList<>();
        ids.add(Notices.accepted("USA", "DEU", "NOTE_VERBALE", "ROUTINE"));
        ids.add(Notices.accepted("USA", "RUS", "LEADER_MESSAGE", "FLASH"));
        ids.add(Notices.accepted("USA", "IRN", "NOTE_VERBALE", "PRIORITY"));
        ids.add(Notices.accepted("CHE", "ITA", "DEMARCHE", "ROUTINE"));
        for (String id : ids) {
            Notices.awaitVerifiedPath(id);
        }

        TopicContract contract = new TopicContract(Path.of("../../../docs").toAbsolutePath().normalize());
        List<String> topics = new ArrayList<>(Topics.HOP_TOPICS);
        topics.addAll(Topics.REGISTRY_TOPICS);
        Map<String, List<String>> problems = new LinkedHashMap<>();
        Set<String> seen = new TreeSet<>();
        int records = 0;
        try (TopicProbe probe = TopicProbe.on(RunningSystem.stack().bootstrapServers(),
                topics.toArray(String[]::new))) {
            // The registries as their owners signed them, and every record of this test's notices (other
            // tests inject bad records on purpose, unsigned or signed by another service).
            TrustedKeys owners = TrustedKeys.parse(RunningSystem.stack().keys().trusted());
            for (ConsumerRecord<String, String> r : probe.settle(r -> ids.contains(r.key())
                    || Topics.REGISTRY_TOPICS.contains(r.topic()) && signedByOwner(owners, r),
                    Duration.ofSeconds(5))) {
                records++;
                Map<String, String> headers = new LinkedHashMap<>();
                for (Header h : r.headers()) {
                    headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
                }
                seen.add(r.topic() + " " + headers.get("ce_type"));
                List<String> wrong = contract.check(r.topic(), r.key(), headers, r.value());
                if (!wrong.isEmpty()) {
                    problems.put(r.topic() + "/" + r.partition() + "@" + r.offset(), wrong);
                }
            }
        }
        assertTrue(problems.isEmpty(), () -> problems.size() + " record(s) break the contract: " + problems);
        // Some 16,300 missions between the UN's states, the lines, the mandates, and this test's notices.
        assertTrue(records > 16_000, "records checked: " + records);
        assertTrue(records < 17_000, "only this test's notices and the registries: " + records);
        // The FLASH notice in the urgent lane, the others in the routine lane.
        for (String expected : List.of("chancery.dispatch.embassy.routine chancery.notice.dispatched",
                "chancery.dispatch.hotline.urgent chancery.notice.dispatched",
                "chancery.dispatch.hotline.urgent chancery.notice.acknowledged",
                "chancery.dispatch.protecting-power.routine chancery.notice.relayed",
                "chancery.dispatch.protecting-power.routine chancery.receipt.relayed",
                "chancery.delivery.routine chancery.receipt.delivered", "chancery.delivery.urgent chancery.receipt.delivered",
                "chancery.notices.routine chancery.receipt.recorded", "chancery.notices.urgent chancery.receipt.recorded",
                "chancery.dispatch.embassy.routine chancery.notice.rejected",
                "chancery.registry.missions chancery.registry.mission",
                "chancery.registry.hotlines chancery.registry.hotline",
                "chancery.registry.mandates chancery.registry.mandate")) {
            assertTrue(seen.contains(expected), expected + " not seen in " + seen);
        }
        assertEquals(0, problems.size());
    }

    private static boolean signedByOwner(TrustedKeys owners, ConsumerRecord<String, String> r) {
        String signature = TopicProbe.header(r, RegistrySignature.HEADER);
        return owners.checkRecord(r.topic(), r.key(), TopicProbe.header(r, RegistrySignature.VERSION_HEADER), r.value(),
                signature) == Authenticity.SIGNED;
    }
}
