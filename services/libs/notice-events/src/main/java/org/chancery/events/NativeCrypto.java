package org.chancery.events;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Signature;

/**
 * The native cryptography this machine has, if any: AWS-LC through the Amazon Corretto Crypto
 * Provider, which the build adds on Linux (x86-64 and ARM64) and which loads where its library
 * runs. Elsewhere, or with {@code -Dchancery.crypto.native=false}, Chancery computes in Java.
 */
public final class NativeCrypto {

    /** The native provider, or null where there is none. */
    public static final Provider PROVIDER = Boolean.parseBoolean(System.getProperty("chancery.crypto.native", "true"))
            ? load() : null;

    private NativeCrypto() {
    }

    /** The provider by name, since other platforms build without it, if its library loaded and signs Ed25519. */
    private static Provider load() {
        try {
            Class<?> accp = Class.forName("com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider");
            Provider provider = (Provider) accp.getField("INSTANCE").get(null);
            if (accp.getMethod("getLoadingError").invoke(provider) != null) {
                return null;
            }
            Signature.getInstance("Ed25519", provider);
            return provider;
        } catch (ReflectiveOperationException | GeneralSecurityException | LinkageError e) {
            return null;
        }
    }
}
