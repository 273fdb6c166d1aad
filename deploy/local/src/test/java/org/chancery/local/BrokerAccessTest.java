package org.chancery.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.chancery.events.Topics;
import org.junit.jupiter.api.Test;

/** The broker's grants and the topics each service writes, from the catalogue, say the same. */
class BrokerAccessTest {

    @Test
    void eachServiceMayWriteExactlyTheTopicsItSendsTo() {
        List<AclBinding> acls = BrokerAccess.acls();
        for (String service : StackSettings.DEFAULT_PORTS.keySet()) {
            Set<String> granted = new TreeSet<>();
            for (Topics.TopicSpec topic : Topics.CATALOGUE) {
                if (writes(acls, service, topic.name())) {
                    granted.add(topic.name());
                }
            }
            assertEquals(new TreeSet<>(Topics.writtenBy(service)), granted, service);
        }
    }

    private static boolean writes(List<AclBinding> acls, String service, String topic) {
        return acls.stream().anyMatch(acl -> acl.entry().principal().equals("User:" + service)
                && acl.entry().operation() == AclOperation.WRITE
                && acl.pattern().resourceType() == ResourceType.TOPIC
                && (acl.pattern().patternType() == PatternType.LITERAL ? acl.pattern().name().equals(topic)
                        : topic.startsWith(acl.pattern().name())));
    }
}
