package org.chancery.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.chancery.events.HopType;
import org.chancery.events.HopEvent;
import org.chancery.events.signing.Ed25519Keys;
import org.chancery.events.signing.HopSigner;

/**
 * The signing keys of a stack on this machine: an Ed25519 pair per service, made on the first
 * start and kept in {@code home/keys} ({@code <service>.key}, readable by its owner only, and
 * {@code <service>.pub}). Every service is given its own private key and every service's public
 * key, as the environment a deployment would give it from its secrets.
 */
public final class LocalKeys {

    public static final String PRIVATE_KEY = "CHANCERY_SIGNING_PRIVATE_KEY";
    public static final String TRUSTED_KEYS = "CHANCERY_SIGNING_TRUSTED_KEYS";

    private final Map<String, String> privateKeys = new LinkedHashMap<>();
    private final Map<String, String> publicKeys = new LinkedHashMap<>();
    private final Path folder;

    private LocalKeys(Path folder) {
        this.folder = folder;
    }

    /** The keys in {@code home/keys}, made for the services that have none yet. */
    public static LocalKeys in(Path home, Collection<String> services) throws IOException {
        LocalKeys keys = new LocalKeys(home.resolve("keys"));
        // Only the services that emit hops have keys: the audit emits none, and no one trusts one in its name.
        for (String service : services) {
            if (HopType.emitters().contains(service)) {
                keys.load(service);
            }
        }
        return keys;
    }

    public Path folder() {
        return folder;
    }

    /** The environment that lets a service sign its hops and check everyone's. */
    public Map<String, String> env(String service) {
        return privateKeys.containsKey(service) ? Map.of(PRIVATE_KEY, privateKeys.get(service), TRUSTED_KEYS, trusted())
                : Map.of(TRUSTED_KEYS, trusted());
    }

    /** Signs a hop as the service would. */
    public HopEvent sign(String service, HopEvent hop) {
        return new HopSigner(Ed25519Keys.privateKey(privateKeys.get(service))).sign(hop);
    }

    /** The signature a registry record would carry if {@code service} published it. */
    public String signRecord(String service, String topic, String key, String value) {
        return new HopSigner(Ed25519Keys.privateKey(privateKeys.get(service))).signRecord(topic, key, value);
    }

    /** Every service's public key, as {@code service=base64,...}. */
    public String trusted() {
        return publicKeys.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    private void load(String service) throws IOException {
        KeyFiles files = KeyFiles.loadOrMake(folder, service, Ed25519Keys::generate);
        privateKeys.put(service, files.privateKey());
        publicKeys.put(service, files.publicKey());
    }
}
