package org.chancery.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingRules;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.strimzi.api.kafka.model.common.template.ContainerTemplate;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.kafka.listener.KafkaListenerType;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.chancery.events.Topics;
import org.chancery.local.ClusterSecrets;
import org.chancery.local.KafkaBroker;
import org.chancery.local.KafkaUsers;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The manifests in deploy/k8s, without a cluster: every one is read into the typed models of
 * Kubernetes (fabric8) and Strimzi, with no field those models do not know, and checked against
 * the code — a Deployment, Service, ConfigMap and disruption budget per service with probes on its
 * health endpoints (a startup probe on its own), resources, keys it reads, spread over nodes and
 * zones, a disruption budget that lets a broken pod go and an autoscaler that scales down slowly;
 * every workload non-root and read-only, within the restricted Pod Security Standard the namespace
 * enforces; network policies, each broker listener's peers among them; Strimzi's v1 API; a
 * three-node Kafka with RF 3 and min ISR 2; the catalogue's topics.
 */
class KubernetesManifestsTest {

    static final Path K8S = ServiceConfig.ROOT.resolve("deploy/k8s");
    static final List<HasMetadata> RESOURCES = new ArrayList<>();
    static final Map<Object, String> WRITTEN_API_VERSIONS = new IdentityHashMap<>();
    /** Strimzi's kinds, which the Kubernetes model does not know by itself. */
    static final Map<String, Class<? extends HasMetadata>> STRIMZI = Map.of(
            "Kafka", Kafka.class, "KafkaNodePool", KafkaNodePool.class, "KafkaTopic", KafkaTopic.class,
            "KafkaUser", KafkaUser.class);

    static final String NAME = "app.kubernetes.io/name";
    /** The images' tags, as the kustomization sets them: name to tag. */
    static final Map<String, String> IMAGES = new TreeMap<>();

    @BeforeAll
    static void read() throws IOException {
        JsonNode kustomization = new ObjectMapper(new YAMLFactory()).readTree(K8S.resolve("kustomization.yaml").toFile());
        kustomization.path("images").forEach(i -> IMAGES.put(i.path("name").asText(), i.path("newTag").asText()));
        try (Stream<Path> files = Files.list(K8S)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml") && !f.endsWith("kustomization.yaml"))
                    .sorted().toList()) {
                for (String doc : Files.readString(file).split("(?m)^---\\s*$")) {
                    if (doc.lines().anyMatch(l -> l.startsWith("kind:"))) {
                        String kind = doc.lines().filter(l -> l.startsWith("kind:")).findFirst().orElseThrow()
                                .substring(5).trim();
                        Class<? extends HasMetadata> strimzi = STRIMZI.get(kind);
                        Object resource = strimzi == null ? Serialization.unmarshal(doc)
                                : Serialization.unmarshal(doc, strimzi);
                        assertTrue(resource instanceof HasMetadata, file + ": not a resource: " + resource);
                        RESOURCES.add((HasMetadata) resource);
                        // As written: a typed model answers with the version it was built for.
                        WRITTEN_API_VERSIONS.put(resource, doc.lines().filter(l -> l.startsWith("apiVersion:"))
                                .findFirst().orElseThrow().substring("apiVersion:".length()).trim());
                    }
                }
            }
        }
    }

    private static <T extends HasMetadata> List<T> all(Class<T> kind) {
        return RESOURCES.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    private static <T extends HasMetadata> T named(Class<T> kind, String name) {
        return all(kind).stream().filter(r -> r.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind.getSimpleName() + " " + name));
    }

    @Test
    void everyManifestReadsIntoTheTypedModelsWithNoUnknownField() {
        assertTrue(RESOURCES.size() > 20, "resources read: " + RESOURCES.size());
        for (HasMetadata resource : RESOURCES) {
            assertTrue(!resource.getClass().getSimpleName().equals("GenericKubernetesResource"),
                    resource.getKind() + " " + resource.getMetadata().getName() + " is of no known kind");
            List<String> unknown = new ArrayList<>();
            unknownFields(resource, resource.getKind() + "/" + resource.getMetadata().getName(), unknown,
                    new IdentityHashMap<>());
            assertEquals(List.of(), unknown, "fields the schema does not have");
            assertEquals("chancery", resource.getMetadata().getNamespace() == null ? "chancery"
                    : resource.getMetadata().getNamespace());
        }
    }

    @Test
    void noSecretIsPublishedWithTheManifests() throws IOException {
        assertEquals(List.of(), RESOURCES.stream().filter(r -> r.getKind().equals("Secret"))
                .map(r -> r.getMetadata().getName()).toList(), "Secrets are made at deploy time");
        try (Stream<Path> files = Files.list(K8S)) {
            for (Path file : files.toList()) {
                String text = Files.readString(file);
                // Ed25519 and RSA keys in base64 DER, and passwords written into the manifests.
                for (String secret : List.of("MC4CAQAwBQYDK2Vw", "MCowBQYDK2Vw", "MIIBIjANBgkqhkiG9w0B", "password '",
                        "-demo")) {
                    assertTrue(!text.contains(secret), file + " publishes a secret (" + secret + ")");
                }
            }
        }
    }

    @Test
    void theSecretsTheLauncherMakesHoldEveryKeyTheManifestsReadAndStayTheSame(@TempDir Path home) throws IOException {
        Map<String, Secret> made = new TreeMap<>();
        for (String doc : ClusterSecrets.yaml(home).split("(?m)^---\\s*$")) {
            if (doc.replaceAll("(?m)^#.*$", "").isBlank()) {
                continue; // the comment before the first document
            }
            Secret secret = Serialization.unmarshal(doc, Secret.class);
            assertEquals("chancery", secret.getMetadata().getNamespace());
            made.put(secret.getMetadata().getName(), secret);
        }
        List<EnvVar> env = new ArrayList<>();
        all(Deployment.class).forEach(d -> d.getSpec().getTemplate().getSpec().getContainers().forEach(c -> env.addAll(c.getEnv())));
        all(StatefulSet.class).forEach(d -> d.getSpec().getTemplate().getSpec().getContainers().forEach(c -> env.addAll(c.getEnv())));
        // Strimzi makes the Secret of each KafkaUser; the launcher makes the others.
        Set<String> kafkaUsers = all(KafkaUser.class).stream().map(u -> u.getMetadata().getName())
                .collect(Collectors.toSet());
        List<SecretKeySelector> references = env.stream().filter(e -> e.getValueFrom() != null)
                .map(e -> e.getValueFrom().getSecretKeyRef()).filter(java.util.Objects::nonNull)
                .filter(ref -> !kafkaUsers.contains(ref.getName())).toList();
        assertTrue(references.size() > 15, "secret references: " + references.size());
        for (SecretKeySelector ref : references) {
            Secret secret = made.get(ref.getName());
            assertNotNull(secret, "no Secret " + ref.getName());
            String value = secret.getStringData().get(ref.getKey());
            assertTrue(value != null && value.length() >= 32, ref.getName() + "/" + ref.getKey());
        }
        assertEquals(ClusterSecrets.yaml(home), ClusterSecrets.yaml(home), "made once, then kept");
        // The init script sets each service's password from the variables the StatefulSet gives it.
        String init = named(ConfigMap.class, "postgres-init").getData().get("10-services.sh");
        for (String role : List.of("foreign-ministry", "embassy", "hotline", "protecting-power", "audit")) {
            String variable = role.toUpperCase().replace('-', '_') + "_PASSWORD";
            assertTrue(init.contains("\"$" + variable + "\""), variable + " not used by the init script");
            assertTrue(env.stream().anyMatch(e -> e.getName().equals(variable)), variable + " not given to PostgreSQL");
        }
    }

    @Test
    void theClustersBrokerIsClosedByTheLaunchersGrants() throws IOException {
        assertEquals(KafkaUsers.yaml(), Files.readString(K8S.resolve("kafka-users.yaml")),
                "kafka-users.yaml is not what chancery-local.jar kafka-users makes of the grants");
        Kafka kafka = named(Kafka.class, "chancery");
        assertEquals("simple", kafka.getSpec().getKafka().getAuthorization().getType());
        kafka.getSpec().getKafka().getListeners().forEach(listener -> {
            assertTrue(listener.isTls(), listener.getName() + " is not TLS");
            assertNotNull(listener.getAuth(), listener.getName() + " lets anyone in");
        });
        for (String service : ServiceConfig.services()) {
            KafkaUser user = named(KafkaUser.class, service);
            assertEquals("scram-sha-512", user.getSpec().getAuthentication().getType(), service);
            Container container = named(Deployment.class, service).getSpec().getTemplate().getSpec().getContainers().get(0);
            EnvVar login = container.getEnv().stream().filter(e -> e.getName().equals("KAFKA_SASL_JAAS_CONFIG"))
                    .findFirst().orElseThrow(() -> new AssertionError(service + " does not log in to the broker"));
            assertEquals(service, login.getValueFrom().getSecretKeyRef().getName());
            assertEquals("SASL_SSL", named(ConfigMap.class, service).getData().get("KAFKA_SECURITY_PROTOCOL"));
        }
        assertEquals("tls", named(KafkaUser.class, "reader").getSpec().getAuthentication().getType());
    }

    @Test
    void kustomizationListsEveryFile() throws IOException {
        String kustomization = Files.readString(K8S.resolve("kustomization.yaml"));
        try (Stream<Path> files = Files.list(K8S)) {
            files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml"))
                    .forEach(n -> assertTrue(kustomization.contains("- " + n), n + " is not in the kustomization"));
        }
    }

    @Test
    void eachServiceRunsWithProbesResourcesAndOnlyKeysItReads() {
        for (String service : ServiceConfig.services()) {
            int port = ServiceConfig.port(service);
            Deployment deployment = named(Deployment.class, service);
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertEquals("chancery/" + service, container.getImage(), "the tag is the kustomization's");
            assertTrue(IMAGES.getOrDefault("chancery/" + service, "").matches("\\d+\\.\\d+\\.\\d+"),
                    service + " has no tag in the kustomization's images");
            assertEquals(port, container.getPorts().get(0).getContainerPort());
            assertEquals("/q/health/ready", container.getReadinessProbe().getHttpGet().getPath());
            assertEquals("/q/health/live", container.getLivenessProbe().getHttpGet().getPath());
            // The start-up has its own endpoint; liveness is judged only once it answers.
            assertNotNull(container.getStartupProbe(), service + " has no startup probe");
            assertEquals("/q/health/started", container.getStartupProbe().getHttpGet().getPath(), service);
            for (Probe probe : List.of(container.getStartupProbe(),
                    container.getLivenessProbe(), container.getReadinessProbe())) {
                String named = probe.getHttpGet().getPort().getStrVal();
                assertEquals(List.of(port), container.getPorts().stream().filter(p -> p.getName().equals(named))
                        .map(p -> p.getContainerPort()).toList(), service + " probes a port it does not serve");
            }
            assertNotNull(container.getResources().getRequests().get("memory"), service + " memory request");
            assertNotNull(container.getResources().getLimits().get("memory"), service + " memory limit");
            assertNotNull(container.getResources().getRequests().get("cpu"), service + " cpu request");

            Set<String> known = ServiceConfig.variables(service);
            ConfigMap config = named(ConfigMap.class, service);
            List<String> given = new ArrayList<>(config.getData().keySet());
            container.getEnv().forEach(e -> given.add(e.getName()));
            for (String variable : given) {
                assertTrue(known.contains(variable) || ServiceConfig.CONTAINER_VARIABLES.contains(variable),
                        service + " is given " + variable + ", which it does not read");
            }
            assertEquals(service, container.getEnvFrom().get(0).getConfigMapRef().getName());

            Service svc = named(Service.class, service);
            assertEquals(port, svc.getSpec().getPorts().get(0).getPort());
            assertEquals(Map.of(NAME, service), svc.getSpec().getSelector());

            // The autoscaler owns the replicas, and voluntary disruptions leave one running.
            assertNull(deployment.getSpec().getReplicas(), service + " fixes replicas beside its autoscaler");
            PodDisruptionBudget budget = named(PodDisruptionBudget.class, service);
            assertEquals(1, budget.getSpec().getMinAvailable().getIntVal());
            assertEquals(Map.of(NAME, service), budget.getSpec().getSelector().getMatchLabels());
            // The heap's share of the memory limit leaves room for what is not heap.
            String javaOpts = container.getEnv().stream().filter(e -> e.getName().equals("JAVA_OPTS")).findFirst()
                    .orElseThrow().getValue();
            java.util.regex.Matcher percent = java.util.regex.Pattern.compile("MaxRAMPercentage=(\\d+)").matcher(javaOpts);
            assertTrue(percent.find(), service + " does not size its heap from the limit: " + javaOpts);
            long limit = container.getResources().getLimits().get("memory").getNumericalAmount().longValue();
            long heap = limit * Integer.parseInt(percent.group(1)) / 100;
            assertTrue(limit - heap >= 256L << 20, service + " leaves " + ((limit - heap) >> 20) + " MiB beside the heap");
            HorizontalPodAutoscaler hpa = named(HorizontalPodAutoscaler.class, service);
            int partitions = Topics.CATALOGUE.stream().mapToInt(Topics.TopicSpec::partitions).max().orElseThrow();
            assertTrue(hpa.getSpec().getMaxReplicas() <= partitions,
                    service + " may grow past the partitions that bound its useful consumers");
        }
    }

    @Test
    void strimziResourcesUseItsV1Api() {
        List<HasMetadata> strimzi = RESOURCES.stream().filter(r -> STRIMZI.containsKey(r.getKind())).toList();
        assertTrue(strimzi.size() > 20, "Strimzi resources: " + strimzi.size());
        for (HasMetadata resource : strimzi) {
            assertEquals("kafka.strimzi.io/v1", WRITTEN_API_VERSIONS.get(resource), resource.getKind() + " "
                    + resource.getMetadata().getName() + ": Strimzi 1.0 and later serve only v1");
        }
    }

    @Test
    void everyWorkloadRunsAsNoOneWithNothingToWriteButItsVolumes() {
        List<PodTemplateSpec> templates = new ArrayList<>();
        all(Deployment.class).forEach(d -> templates.add(d.getSpec().getTemplate()));
        all(StatefulSet.class).forEach(s -> templates.add(s.getSpec().getTemplate()));
        assertEquals(ServiceConfig.services().size() + 1, templates.size(), "the services and the database");
        for (PodTemplateSpec template : templates) {
            String name = template.getMetadata().getLabels().get(NAME);
            assertNotNull(name, "a pod template without " + NAME);
            assertNotNull(template.getMetadata().getLabels().get("app.kubernetes.io/component"), name);
            PodSpec pod = template.getSpec();
            assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken(), name + " mounts an API token");
            assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot(), name + " may run as root");
            assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType(), name);
            for (Container container : pod.getContainers()) {
                SecurityContext security = container.getSecurityContext();
                assertNotNull(security, name + " has no container security context");
                assertEquals(Boolean.FALSE, security.getAllowPrivilegeEscalation(), name);
                assertEquals(Boolean.TRUE, security.getReadOnlyRootFilesystem(), name + " writes its root filesystem");
                assertEquals(List.of("ALL"), security.getCapabilities().getDrop(), name + " keeps capabilities");
                assertTrue(container.getVolumeMounts().stream().anyMatch(m -> m.getMountPath().equals("/tmp")),
                        name + " has nowhere to write temporary files");
                assertTrue(IMAGES.containsKey(container.getImage()), name + ": " + container.getImage()
                        + " takes its tag from nowhere");
            }
        }
    }

    @Test
    void theServicesReachOnlyTheBrokerTheDatabaseTheCollectorAndDns() {
        NetworkPolicy services = named(NetworkPolicy.class, "services");
        assertEquals(Map.of("app.kubernetes.io/component", "service"), services.getSpec().getPodSelector().getMatchLabels());
        assertEquals(List.of("Ingress", "Egress"), services.getSpec().getPolicyTypes());
        for (String service : ServiceConfig.services()) {
            assertEquals("service", named(Deployment.class, service).getSpec().getTemplate().getMetadata().getLabels()
                    .get("app.kubernetes.io/component"), service + " is not covered by the services' policy");
        }
        Map<String, String> reached = new TreeMap<>();
        for (NetworkPolicyEgressRule rule : services.getSpec().getEgress()) {
            String peer = rule.getTo().stream().map(KubernetesManifestsTest::describe).collect(Collectors.joining(" "));
            reached.put(peer, rule.getPorts().stream().map(p -> p.getProtocol() + "/" + p.getPort().getIntVal())
                    .sorted().collect(Collectors.joining(",")));
        }
        // DNS by the namespace it runs in (a label Kubernetes sets on every namespace), not by a
        // label of the DNS pods, which distributions do not all set alike.
        assertEquals(Map.of(
                "pods {strimzi.io/cluster=chancery, strimzi.io/kind=Kafka}", "TCP/9093",
                "pods {app.kubernetes.io/name=postgres}", "TCP/5432",
                "pods {app.kubernetes.io/name=otel-collector}", "TCP/4317",
                "namespace {kubernetes.io/metadata.name=kube-system}", "TCP/53,UDP/53"), new java.util.HashMap<>(reached));
        NetworkPolicy database = named(NetworkPolicy.class, "postgres");
        assertEquals(List.of("Ingress", "Egress"), database.getSpec().getPolicyTypes());
        assertTrue(database.getSpec().getEgress().isEmpty(), "the database opens no connection");
        assertEquals(Map.of("app.kubernetes.io/component", "service"), database.getSpec().getIngress().get(0).getFrom()
                .get(0).getPodSelector().getMatchLabels());
    }

    @Test
    void eachBrokerListenerNamesWhoMayReachItAndTheReaderReachesOneFromOutside() {
        Kafka kafka = named(Kafka.class, "chancery");
        List<GenericKafkaListener> listeners = kafka.getSpec().getKafka().getListeners();
        for (GenericKafkaListener listener : listeners) {
            // With no peers, the NetworkPolicy Strimzi makes lets every pod of every namespace in.
            assertTrue(listener.getNetworkPolicyPeers() != null && !listener.getNetworkPolicyPeers().isEmpty(),
                    listener.getName() + " names no networkPolicyPeers: open to every pod");
        }
        // The services' listener, the one their ConfigMaps name: reached by the services' pods alone.
        for (String service : ServiceConfig.services()) {
            String bootstrap = named(ConfigMap.class, service).getData().get("KAFKA_BOOTSTRAP_SERVERS");
            int port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
            GenericKafkaListener listener = listeners.stream().filter(l -> l.getPort() == port).findFirst()
                    .orElseThrow(() -> new AssertionError(service + " connects to " + bootstrap + ": no such listener"));
            assertEquals(KafkaListenerType.INTERNAL, listener.getType(), listener.getName());
            assertEquals("scram-sha-512", listener.getAuth().getType(), listener.getName());
            assertEquals(List.of("pods {app.kubernetes.io/component=service}"),
                    listener.getNetworkPolicyPeers().stream().map(KubernetesManifestsTest::describe).toList(),
                    listener.getName() + " is reached by more than the services");
        }
        // The outside reader logs in with its client certificate, on a listener outside the cluster.
        List<GenericKafkaListener> outside = listeners.stream()
                .filter(l -> l.getType() != KafkaListenerType.INTERNAL && l.getType() != KafkaListenerType.CLUSTER_IP)
                .toList();
        assertEquals(1, outside.size(), "listeners reachable from outside the cluster: " + outside.size());
        assertTrue(outside.get(0).isTls());
        assertEquals("tls", outside.get(0).getAuth().getType(), "the reader authenticates by certificate");
        assertEquals("tls", named(KafkaUser.class, "reader").getSpec().getAuthentication().getType());
    }

    @Test
    void eachServiceSpreadsOverNodesAndZonesAndScalesDownSlowlyWithoutHoldingDrainsUp() {
        for (String service : ServiceConfig.services()) {
            PodTemplateSpec template = named(Deployment.class, service).getSpec().getTemplate();
            Map<String, TopologySpreadConstraint> spread = new TreeMap<>();
            template.getSpec().getTopologySpreadConstraints().forEach(c -> spread.put(c.getTopologyKey(), c));
            assertEquals(Set.of("kubernetes.io/hostname", "topology.kubernetes.io/zone"), spread.keySet(), service);
            for (TopologySpreadConstraint constraint : spread.values()) {
                assertEquals(1, constraint.getMaxSkew(), service + " " + constraint.getTopologyKey());
                assertEquals(Map.of(NAME, service), constraint.getLabelSelector().getMatchLabels(),
                        service + " spreads other pods than its own");
                assertEquals(service, template.getMetadata().getLabels().get(NAME));
                // Counted within one revision: a rolling update is not held up by the old pods.
                assertEquals(List.of("pod-template-hash"), constraint.getMatchLabelKeys(), service);
            }
            // Nodes, strictly (with the nodes the pods may not use left out of the count); zones as
            // a preference, or a cluster without zone labels would schedule nothing.
            assertEquals("DoNotSchedule", spread.get("kubernetes.io/hostname").getWhenUnsatisfiable(), service);
            assertEquals("Honor", spread.get("kubernetes.io/hostname").getNodeTaintsPolicy(), service);
            assertEquals("ScheduleAnyway", spread.get("topology.kubernetes.io/zone").getWhenUnsatisfiable(), service);

            // A pod that is not ready protects nothing: it may always be evicted, so it cannot block a drain.
            assertEquals("AlwaysAllow", named(PodDisruptionBudget.class, service).getSpec()
                    .getUnhealthyPodEvictionPolicy(), service);

            // Each replica removed rebalances the groups: low load for a while first, then one at a time.
            HorizontalPodAutoscaler hpa = named(HorizontalPodAutoscaler.class, service);
            assertNotNull(hpa.getSpec().getBehavior(), service + "'s autoscaler has no behaviour");
            HPAScalingRules down = hpa.getSpec().getBehavior().getScaleDown();
            assertNotNull(down, service + "'s autoscaler has no scale-down rules");
            assertTrue(down.getStabilizationWindowSeconds() != null && down.getStabilizationWindowSeconds() >= 300,
                    service + " scales down after " + down.getStabilizationWindowSeconds() + " s of low load");
            assertTrue(!down.getPolicies().isEmpty() && down.getPolicies().stream()
                    .allMatch(p -> p.getType().equals("Pods") && p.getValue() == 1),
                    service + " may remove more than one replica at a time");
        }
    }

    @Test
    void theNamespaceEnforcesTheRestrictedPodSecurityStandardAndEveryPodMeetsIt() {
        Namespace namespace = named(Namespace.class, "chancery");
        Map<String, String> labels = namespace.getMetadata().getLabels();
        for (String mode : List.of("enforce", "warn", "audit")) {
            assertEquals("restricted", labels.get("pod-security.kubernetes.io/" + mode), mode);
            assertTrue(String.valueOf(labels.get("pod-security.kubernetes.io/" + mode + "-version"))
                    .matches("latest|v1\\.\\d+"), mode + " has no version");
        }
        List<PodTemplateSpec> templates = new ArrayList<>();
        all(Deployment.class).forEach(d -> templates.add(d.getSpec().getTemplate()));
        all(StatefulSet.class).forEach(s -> templates.add(s.getSpec().getTemplate()));
        assertEquals(ServiceConfig.services().size() + 1, templates.size(), "the services and the database");
        for (PodTemplateSpec template : templates) {
            assertEquals(List.of(), restrictedViolations(template.getSpec()), template.getMetadata().getLabels().get(NAME));
        }
        // The pods Strimzi makes: their containers carry the restricted context themselves, whatever
        // pod security provider the operator was installed with.
        Kafka kafka = named(Kafka.class, "chancery");
        Map<String, ContainerTemplate> strimzi = new TreeMap<>();
        var brokers = kafka.getSpec().getKafka().getTemplate();
        strimzi.put("kafka", brokers == null ? null : brokers.getKafkaContainer());
        // Strimzi adds an init container for rack awareness and for node port listeners.
        if (kafka.getSpec().getKafka().getRack() != null || kafka.getSpec().getKafka().getListeners().stream()
                .anyMatch(l -> l.getType() == KafkaListenerType.NODEPORT)) {
            strimzi.put("kafka-init", brokers == null ? null : brokers.getInitContainer());
        }
        var entityOperator = kafka.getSpec().getEntityOperator();
        var operators = entityOperator == null ? null : entityOperator.getTemplate();
        if (entityOperator != null && entityOperator.getTopicOperator() != null) {
            strimzi.put("topic-operator", operators == null ? null : operators.getTopicOperatorContainer());
        }
        if (entityOperator != null && entityOperator.getUserOperator() != null) {
            strimzi.put("user-operator", operators == null ? null : operators.getUserOperatorContainer());
        }
        assertTrue(strimzi.containsKey("topic-operator") && strimzi.containsKey("user-operator"), strimzi.keySet().toString());
        strimzi.forEach((container, containerTemplate) -> {
            assertNotNull(containerTemplate, container + " has no container template");
            SecurityContext security = containerTemplate.getSecurityContext();
            assertNotNull(security, container + " has no security context");
            List<String> violations = new ArrayList<>();
            containerViolations(container, security, null, violations);
            assertEquals(List.of(), violations);
        });
    }

    /** What the restricted Pod Security Standard refuses in a pod (its checks that the manifests could trip). */
    static List<String> restrictedViolations(PodSpec pod) {
        List<String> violations = new ArrayList<>();
        if (Boolean.TRUE.equals(pod.getHostNetwork()) || Boolean.TRUE.equals(pod.getHostPID())
                || Boolean.TRUE.equals(pod.getHostIPC())) {
            violations.add("host namespaces");
        }
        for (Volume volume : pod.getVolumes()) {
            if (Stream.of(volume.getConfigMap(), volume.getCsi(), volume.getDownwardAPI(), volume.getEmptyDir(),
                    volume.getEphemeral(), volume.getPersistentVolumeClaim(), volume.getProjected(), volume.getSecret())
                    .noneMatch(Objects::nonNull)) {
                violations.add("volume " + volume.getName() + " is of a type restricted forbids");
            }
        }
        List<Container> containers = new ArrayList<>(pod.getContainers());
        if (pod.getInitContainers() != null) {
            containers.addAll(pod.getInitContainers());
        }
        for (Container container : containers) {
            if (container.getSecurityContext() == null) {
                violations.add(container.getName() + ": no security context");
                continue;
            }
            containerViolations(container.getName(), container.getSecurityContext(), pod.getSecurityContext(), violations);
            if (container.getPorts().stream().anyMatch(p -> p.getHostPort() != null && p.getHostPort() != 0)) {
                violations.add(container.getName() + ": a host port");
            }
        }
        return violations;
    }

    /** The container's checks; the pod's context supplies runAsNonRoot, runAsUser and seccomp where the container's does not. */
    static void containerViolations(String name, SecurityContext security, PodSecurityContext pod, List<String> violations) {
        if (!Boolean.FALSE.equals(security.getAllowPrivilegeEscalation())) {
            violations.add(name + ": privilege escalation not refused");
        }
        if (Boolean.TRUE.equals(security.getPrivileged())) {
            violations.add(name + ": privileged");
        }
        if (security.getCapabilities() == null || !security.getCapabilities().getDrop().contains("ALL")) {
            violations.add(name + ": capabilities not all dropped");
        } else if (!List.of("NET_BIND_SERVICE").containsAll(security.getCapabilities().getAdd())) {
            violations.add(name + ": adds " + security.getCapabilities().getAdd());
        }
        Boolean nonRoot = security.getRunAsNonRoot() != null ? security.getRunAsNonRoot()
                : pod == null ? null : pod.getRunAsNonRoot();
        if (!Boolean.TRUE.equals(nonRoot)) {
            violations.add(name + ": may run as root (runAsNonRoot)");
        }
        Long user = security.getRunAsUser() != null ? security.getRunAsUser() : pod == null ? null : pod.getRunAsUser();
        if (user != null && user == 0) {
            violations.add(name + ": runs as user 0");
        }
        var seccomp = security.getSeccompProfile() != null ? security.getSeccompProfile()
                : pod == null ? null : pod.getSeccompProfile();
        if (seccomp == null || !List.of("RuntimeDefault", "Localhost").contains(seccomp.getType())) {
            violations.add(name + ": no RuntimeDefault or Localhost seccomp profile");
        }
    }

    /** A NetworkPolicy peer as "pods {labels}", "namespace {labels}" or "ip cidr", the parts joined by " in ". */
    private static String describe(NetworkPolicyPeer peer) {
        List<String> parts = new ArrayList<>();
        if (peer.getPodSelector() != null) {
            parts.add("pods " + peer.getPodSelector().getMatchLabels());
        }
        if (peer.getNamespaceSelector() != null) {
            parts.add("namespace " + peer.getNamespaceSelector().getMatchLabels());
        }
        if (peer.getIpBlock() != null) {
            parts.add("ip " + peer.getIpBlock().getCidr());
        }
        return String.join(" in ", parts);
    }

    @Test
    void kafkaRunsThreeNodesWithThreeReplicasAndAtLeastTwoInSync() {
        KafkaNodePool pool = all(KafkaNodePool.class).get(0);
        assertEquals(3, pool.getSpec().getReplicas());
        Kafka kafka = named(Kafka.class, "chancery");
        Map<String, Object> config = kafka.getSpec().getKafka().getConfig();
        assertEquals(3, ((Number) config.get("default.replication.factor")).intValue());
        assertEquals(2, ((Number) config.get("min.insync.replicas")).intValue());
        assertTrue(kafka.getMetadata().getAnnotations() == null || kafka.getMetadata().getAnnotations().isEmpty(),
                "Strimzi 1 runs KRaft and node pools without annotations");
    }

    /** The cluster's brokers are set as the launcher's: the consumer groups' timing, the metadata log's no-op records. */
    @Test
    void theBrokersAreSetAsTheLaunchers() {
        Map<String, Object> config = named(Kafka.class, "chancery").getSpec().getKafka().getConfig();
        KafkaBroker.EVERY_BROKER.forEach((key, value) ->
                assertEquals(value, String.valueOf(config.get(key)), "the cluster's " + key));
    }

    @Test
    void theTopicsAreTheCatalogue() {
        Map<String, String> declared = new TreeMap<>();
        for (KafkaTopic topic : all(KafkaTopic.class)) {
            assertEquals(3, topic.getSpec().getReplicas());
            Map<String, Object> config = new TreeMap<>(topic.getSpec().getConfig());
            assertEquals(2, ((Number) config.remove("min.insync.replicas")).intValue());
            declared.put(topic.getSpec().getTopicName(), topic.getSpec().getPartitions() + " " + stringify(config));
        }
        Map<String, String> catalogue = new TreeMap<>();
        Topics.CATALOGUE.forEach(spec -> catalogue.put(spec.name(), spec.partitions() + " "
                + stringify(new TreeMap<>(spec.config()))));
        assertEquals(catalogue, declared);
    }

    private static String stringify(Map<String, ?> config) {
        return config.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    private static boolean isSet(Object value) {
        return value != null && !(value instanceof Collection<?> c && c.isEmpty()) && !(value instanceof Map<?, ?> m
                && m.isEmpty()) && !(value instanceof Number n && n.intValue() == 0) && !Boolean.FALSE.equals(value);
    }

    /**
     * Walks a model object and names every field it kept without knowing it, and every Strimzi
     * field set that Strimzi's v1 API no longer has.
     */
    private static void unknownFields(Object node, String path, List<String> unknown, Map<Object, Boolean> seen) {
        if (node == null || seen.put(node, true) != null) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (node instanceof Map<?, ?> || !node.getClass().getPackageName().startsWith("io.")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            try {
                Object value = getter.invoke(node);
                if (getter.getName().equals("getAdditionalProperties")) {
                    if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        unknown.add(path + ": " + extra.keySet());
                    }
                } else if (getter.isAnnotationPresent(Deprecated.class) && node.getClass().getPackageName()
                        .startsWith("io.strimzi") && isSet(value)) {
                    // Strimzi's model marks what its v1 API no longer has (ZooKeeper, storage and
                    // replicas outside node pools, single ACL operations, ...) as deprecated.
                    unknown.add(path + "." + getter.getName().substring(3) + ": deprecated, not in Strimzi's v1 API");
                } else {
                    unknownFields(value, path + "." + getter.getName().substring(3), unknown, seen);
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                // A getter that computes rather than returns a field: nothing to walk.
            }
        }
    }
}
