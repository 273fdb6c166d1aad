package org.chancery.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 as lower-case hex, the only digest the contract uses: natively where this machine can
 * ({@link NativeCrypto}), one digest object per thread.
 */
public final class Digests {

    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return NativeCrypto.PROVIDER == null ? MessageDigest.getInstance("SHA-256")
                    : MessageDigest.getInstance("SHA-256", NativeCrypto.PROVIDER);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    });

    private Digests() {
    }

    public static String sha256Hex(String text) {
        return text == null ? null : sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(SHA_256.get().digest(bytes));
    }
}
