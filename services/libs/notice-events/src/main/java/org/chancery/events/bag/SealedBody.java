package org.chancery.events.bag;

import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A notice body as it travels: {@code bag-v1:<state>.<generation>:<base64url of enc || ciphertext>},
 * the HPKE encapsulated key and ciphertext, and which of the receiving state's keys opens it.
 */
public record SealedBody(String state, int generation, byte[] enc, byte[] ciphertext) {

    static final String PREFIX = "bag-v1:";
    private static final Pattern FORM = Pattern.compile("bag-v1:([A-Z]{3})\\.([1-9][0-9]{0,5}):([A-Za-z0-9_-]+)");

    /** Whether a body is in the bag's form at all, well formed or not. */
    public static boolean isSealed(String body) {
        return body != null && body.startsWith(PREFIX);
    }

    /** The sealed body a text says it is; a text in the bag's form that does not parse is refused. */
    public static SealedBody parse(String body, int encSize) {
        Matcher m = FORM.matcher(body);
        if (!m.matches()) {
            throw new BagException("not a sealed body: expected bag-v1:<state>.<generation>:<base64url>");
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(m.group(3));
        } catch (IllegalArgumentException e) {
            throw new BagException("not a sealed body: " + e.getMessage());
        }
        if (bytes.length <= encSize) {
            throw new BagException("not a sealed body: " + bytes.length + " bytes is too short");
        }
        byte[] enc = Arrays.copyOfRange(bytes, 0, encSize);
        byte[] ciphertext = Arrays.copyOfRange(bytes, encSize, bytes.length);
        return new SealedBody(m.group(1), Integer.parseInt(m.group(2)), enc, ciphertext);
    }

    /** The key id this body names: the receiving state and the generation of its key. */
    public String keyId() {
        return state + "." + generation;
    }

    public String text() {
        byte[] bytes = new byte[enc.length + ciphertext.length];
        System.arraycopy(enc, 0, bytes, 0, enc.length);
        System.arraycopy(ciphertext, 0, bytes, enc.length, ciphertext.length);
        return PREFIX + keyId() + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
