package org.chancery.local;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.chancery.events.Topics;

/**
 * What a closed broker must hold before the services use it: the catalogue's topics and the grants
 * of {@link BrokerAccess#acls()}, each made only where missing, so that making them again changes
 * nothing. The launcher's broker makes them at every start ({@link KafkaBroker}), {@code compose-init}
 * on the compose broker ({@link ComposeInit}); both as the admin.
 */
final class BrokerSetup {

    private BrokerSetup() {
    }

    /**
     * The settings an existing topic is given again at every start, as the catalogue names them:
     * what the services rely on (compaction, and segments small enough for it to run; the broker's
     * time on registry records, which the audit counts mandates from). Others, such as retention,
     * are left as an operator may have set them.
     */
    private static final Set<String> ENFORCED = Set.of("cleanup.policy", "segment.bytes", "message.timestamp.type");

    /**
     * Creates the missing topics, waiting (up to two minutes) for enough brokers to hold their
     * copies, and gives topics an earlier release made the {@link #ENFORCED} settings the catalogue
     * names. Returns the names of the topics it created.
     */
    static List<String> createTopics(Admin admin, short replicas) throws InterruptedException, ExecutionException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (admin.describeCluster().nodes().get().size() < replicas) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("fewer than " + replicas + " brokers joined the cluster");
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        Set<String> existing = admin.listTopics().names().get();
        List<NewTopic> missing = Topics.CATALOGUE.stream()
                .filter(spec -> !existing.contains(spec.name()))
                .map(spec -> new NewTopic(spec.name(), spec.partitions(), replicas).configs(spec.config()))
                .toList();
        try {
            admin.createTopics(missing).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        Map<ConfigResource, Collection<AlterConfigOp>> configs = new HashMap<>();
        Topics.CATALOGUE.stream().filter(spec -> existing.contains(spec.name())).forEach(spec -> {
            List<AlterConfigOp> enforced = spec.config().entrySet().stream()
                    .filter(setting -> ENFORCED.contains(setting.getKey()))
                    .map(setting -> new AlterConfigOp(new ConfigEntry(setting.getKey(), setting.getValue()),
                            AlterConfigOp.OpType.SET)).toList();
            if (!enforced.isEmpty()) {
                configs.put(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()), enforced);
            }
        });
        if (!configs.isEmpty()) {
            admin.incrementalAlterConfigs(configs).all().get();
        }
        return missing.stream().map(NewTopic::name).toList();
    }

    /**
     * Grants each principal what {@link BrokerAccess#acls()} says that the broker does not hold yet,
     * and returns once its authorizer holds every grant: they reach it through the metadata log, and
     * a client let in a moment too early would be refused what it may do. Returns how many it made.
     */
    static int grant(Admin admin) throws InterruptedException, ExecutionException {
        List<AclBinding> grants = BrokerAccess.acls();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Collection<AclBinding> held = admin.describeAcls(AclBindingFilter.ANY).values().get();
        List<AclBinding> missing = grants.stream().filter(grant -> !held.contains(grant)).toList();
        if (!missing.isEmpty()) {
            admin.createAcls(missing).all().get();
        }
        while (!admin.describeAcls(AclBindingFilter.ANY).values().get().containsAll(grants)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the broker's authorizer did not take the grants within 30 s");
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        return missing.size();
    }
}
