package org.misbridge.mis.ctf.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.model.Email;
import org.misbridge.api.model.Telephone;

/**
 * Ids for CTF contacts, which carry none. A CTF lists a parent once under each of their children,
 * so the id is made from who the parent is, not from the pupil: the SHA-256 of their normalised
 * surname, forename and first channel (the first telephone number listed, else the first email).
 * The same parent listed for two siblings then becomes one contact with two links.
 *
 * <p>Normalised means: Unicode NFKC, lower case, runs of white space made one space, trimmed; a
 * telephone number keeps its digits only, with a leading +44 or 0044 read as the trunk 0; an email is
 * trimmed and lower case. A contact with no telephone and no email is scoped to the pupil (the
 * UPN joins the hash): two detail-less "John Smith"s of different families must not become one
 * person, and such a contact cannot be reached anyway.
 *
 * <p>The id changes when a parent's name or first number changes; a CTF carries nothing steadier.
 */
final class ContactIds {

    static final String PREFIX = "ctf-";
    private static final int HEX_CHARS = 24; // 96 bits: no collision in any school's lifetime

    private ContactIds() {
    }

    static String of(String surname, String forename, List<Telephone> telephones, List<Email> emails, String pupilId) {
        String channel = channel(telephones, emails);
        String identity = name(surname) + '\n' + name(forename) + '\n'
                + (channel != null ? channel : "pupil:" + pupilId);
        return PREFIX + HexFormat.of().formatHex(sha256(identity)).substring(0, HEX_CHARS);
    }

    /** The first telephone's digits, else the first email, else null. */
    static @Nullable String channel(List<Telephone> telephones, List<Email> emails) {
        for (Telephone telephone : telephones) {
            String digits = phone(telephone.number());
            if (!digits.isEmpty()) {
                return "tel:" + digits;
            }
        }
        for (Email email : emails) {
            String address = email.address().strip().toLowerCase(Locale.ROOT);
            if (!address.isEmpty()) {
                return "email:" + address;
            }
        }
        return null;
    }

    static String name(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
    }

    /** Digits only; the UK country code read as the trunk 0, so +44 7700 900123 and 07700900123 agree. */
    static String phone(String number) {
        String trimmed = number.strip();
        String digits = trimmed.replaceAll("\\D", "");
        String national;
        if (trimmed.startsWith("+44")) {
            national = digits.substring(2);
        } else if (digits.startsWith("0044")) {
            national = digits.substring(4);
        } else {
            return digits;
        }
        // "+44 (0)7700 900123" carries its own trunk 0
        return national.startsWith("0") ? national : "0" + national;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
