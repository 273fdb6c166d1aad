package org.chancery.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.chancery.events.HopType;
import org.chancery.events.HopEvent;
import org.chancery.events.Service;
import org.chancery.events.bag.BagKeys;
import org.chancery.events.bag.DiplomaticBag;
import org.chancery.events.signing.Ed25519Keys;
import org.chancery.events.signing.HopSigner;

/**
 * The signing keys of a stack on this machine: an Ed25519 pair per service, made on the first
 * start and kept in {@code home/keys} ({@code <service>.key}, readable by its owner only, and
 * {@code <service>.pub}). Every service is given its own private key and every service's public
 * key, as the environment a deployment would give it from its secrets. The ministry is also given
 * the bag secrets it seals and opens bodies with ({@code bag-<generation>.secret}, owner-only; a
 * rotation adds a generation and keeps the older ones, ADR 0017).
 */
public final class LocalKeys {

    public static final String PRIVATE_KEY = "CHANCERY_SIGNING_PRIVATE_KEY";
    public static final String TRUSTED_KEYS = "CHANCERY_SIGNING_TRUSTED_KEYS";
    public static final String BAG_SECRETS = "CHANCERY_BAG_SECRETS";
    /** The service that seals and opens bodies. */
    static final String BAG_HOLDER = Service.FOREIGN_MINISTRY.id();
    private static final Pattern BAG_FILE = Pattern.compile("bag-([1-9][0-9]{0,5})\\.secret");

    private final Map<String, String> privateKeys = new LinkedHashMap<>();
    private final Map<String, String> publicKeys = new LinkedHashMap<>();
    private final Path folder;
    private String bagSecrets;

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
        if (services.contains(BAG_HOLDER)) {
            keys.bagSecrets = keys.bagSecrets();
        }
        return keys;
    }

    public Path folder() {
        return folder;
    }

    /** The environment that lets a service sign its hops and check everyone's, and the ministry seal bodies. */
    public Map<String, String> env(String service) {
        Map<String, String> env = new HashMap<>();
        env.put(TRUSTED_KEYS, trusted());
        if (privateKeys.containsKey(service)) {
            env.put(PRIVATE_KEY, privateKeys.get(service));
        }
        if (service.equals(BAG_HOLDER)) {
            env.put(BAG_SECRETS, bagSecrets);
        }
        return env;
    }

    /** Every bag secret kept, newest first, as {@code <generation>:<base64>,...}; the first is made on first use. */
    public String bagSecrets() throws IOException {
        if (bagGenerations().isEmpty()) {
            rotateBag();
        }
        Map<Integer, String> secrets = new TreeMap<>(java.util.Comparator.reverseOrder());
        for (Map.Entry<Integer, Path> file : bagGenerations().entrySet()) {
            secrets.put(file.getKey(), Files.readString(file.getValue(), StandardCharsets.US_ASCII).trim());
        }
        String joined = secrets.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue())
                .collect(Collectors.joining(","));
        BagKeys.parse(joined);
        return joined;
    }

    /** Adds a bag secret one generation newer than the newest kept: it seals from the next start on. */
    public int rotateBag() throws IOException {
        int next = bagGenerations().keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        OwnerOnly.write(OwnerOnly.folder(folder).resolve("bag-" + next + ".secret"), BagKeys.newSecret() + "\n");
        return next;
    }

    private Map<Integer, Path> bagGenerations() throws IOException {
        Map<Integer, Path> generations = new TreeMap<>();
        if (Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.list(folder)) {
                files.forEach(file -> {
                    Matcher m = BAG_FILE.matcher(file.getFileName().toString());
                    if (m.matches()) {
                        generations.put(Integer.valueOf(m.group(1)), file);
                    }
                });
            }
        }
        return generations;
    }

    /** Signs a hop as the service would. */
    public HopEvent sign(String service, HopEvent hop) {
        return new HopSigner(Ed25519Keys.privateKey(privateKeys.get(service))).sign(hop);
    }

    /** The signature a registry record of this version would carry if {@code service} published it. */
    public String signRecord(String service, String topic, String key, String version, String value) {
        return new HopSigner(Ed25519Keys.privateKey(privateKeys.get(service))).signRecord(topic, key, version, value);
    }

    /** The bag the ministry seals and opens bodies with: to seal as it would. */
    public DiplomaticBag bag() {
        return new DiplomaticBag(BagKeys.parse(bagSecrets));
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
