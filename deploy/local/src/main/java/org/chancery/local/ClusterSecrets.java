package org.chancery.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.chancery.events.HopType;

/**
 * The Kubernetes Secrets a cluster of Chancery needs, made at deploy time rather than published
 * with the manifests: {@code chancery-signing} (each emitting service's private key, every
 * service's public key, the token issuer's public key), {@code chancery-bag} (the bag secrets,
 * for the ministry alone) and {@code chancery-db} (a password per database role). Everything is
 * kept in {@code home/keys}, owner-only, so that running it again gives the same Secrets and tokens
 * for the cluster come from the same issuer ({@code token --home}).
 */
public final class ClusterSecrets {

    static final String NAMESPACE = "chancery";
    private ClusterSecrets() {
    }

    /** The Secrets as one YAML stream, for {@code kubectl apply -f -}. */
    public static String yaml(Path home) throws IOException {
        LocalKeys keys = LocalKeys.in(home, HopType.emitters());
        Map<String, String> signing = new LinkedHashMap<>();
        signing.put("token-issuer-public-key", LocalTokens.in(home).verifyEnv().get("MP_JWT_VERIFY_PUBLICKEY"));
        signing.put("trusted-keys", keys.trusted());
        for (String service : new TreeSet<>(HopType.emitters())) {
            signing.put(service + "-private-key", keys.env(service).get(LocalKeys.PRIVATE_KEY));
        }
        Map<String, String> database = new LinkedHashMap<>();
        database.put(DatabaseRoles.SUPERUSER + "-password", DatabaseRoles.password(home, DatabaseRoles.SUPERUSER));
        for (String service : DatabaseRoles.SERVICES) {
            database.put(service + "-password", DatabaseRoles.password(home, service));
        }
        return YamlDocuments.of("Made by chancery-local.jar secrets from the keys in " + home.toAbsolutePath().normalize()
                + "; keep that folder, and never commit this output.", List.of(secret("chancery-signing", signing),
                secret("chancery-bag", Map.of("secrets", keys.bagSecrets())), secret("chancery-db", database)));
    }

    private static Map<String, Object> secret(String name, Map<String, String> data) {
        Map<String, Object> secret = new LinkedHashMap<>();
        secret.put("apiVersion", "v1");
        secret.put("kind", "Secret");
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        metadata.put("namespace", NAMESPACE);
        secret.put("metadata", metadata);
        secret.put("type", "Opaque");
        secret.put("stringData", data);
        return secret;
    }
}
