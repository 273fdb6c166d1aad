package org.chancery.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * A key pair kept as two files in a folder only its owner can read: {@code <name>.key} (base64
 * PKCS#8, readable by its owner only) and {@code <name>.pub} (base64 X.509), made on first use.
 */
record KeyFiles(String privateKey, String publicKey) {

    static KeyFiles loadOrMake(Path folder, String name, Supplier<KeyPair> generator) throws IOException {
        OwnerOnly.folder(folder);
        Path privateFile = folder.resolve(name + ".key");
        Path publicFile = folder.resolve(name + ".pub");
        if (!Files.exists(privateFile) || !Files.exists(publicFile)) {
            KeyPair pair = generator.get();
            Files.writeString(publicFile, base64(pair.getPublic().getEncoded()) + "\n", StandardCharsets.US_ASCII);
            OwnerOnly.write(privateFile, base64(pair.getPrivate().getEncoded()) + "\n");
        }
        return new KeyFiles(Files.readString(privateFile, StandardCharsets.US_ASCII).trim(),
                Files.readString(publicFile, StandardCharsets.US_ASCII).trim());
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
