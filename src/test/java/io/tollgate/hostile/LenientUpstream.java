package io.tollgate.hostile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A request path as the most lenient upstream reads it: percent-decoded until nothing changes
 * (double encoding), overlong UTF-8 read as the character it spells, {@code \} as {@code /},
 * cut at NUL, {@code ;} parameters dropped from every segment (Tomcat), empty and {@code .}
 * segments skipped, {@code ..} resolved (nginx, Jetty, Tomcat). What an upstream serves for a
 * request is at most what this reading names.
 */
final class LenientUpstream {

    /** Deeper than any upstream decodes. */
    private static final int MAX_DECODING_ROUNDS = 5;

    private LenientUpstream() {}

    static String read(String target) {
        String path = target;
        int end = indexOfAny(path, "?#");
        if (end >= 0) {
            path = path.substring(0, end);
        }
        for (int round = 0; round < MAX_DECODING_ROUNDS; round++) {
            String decoded = decode(path);
            if (decoded.equals(path)) {
                break;
            }
            path = decoded;
        }
        path = path.replace('\\', '/');
        int nul = path.indexOf('\0');
        if (nul >= 0) {
            path = path.substring(0, nul);
        }
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : path.split("/")) {
            int parameters = segment.indexOf(';');
            String name = parameters < 0 ? segment : segment.substring(0, parameters);
            if (name.equals("..")) {
                segments.pollLast();
            } else if (!name.isEmpty() && !name.equals(".")) {
                segments.addLast(name);
            }
        }
        return "/" + String.join("/", segments);
    }

    /** One round of percent-decoding; a {@code %} without two hex digits stays as it is. */
    private static String decode(String path) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] raw = path.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '%' && i + 2 < raw.length && hex(raw[i + 1]) >= 0 && hex(raw[i + 2]) >= 0) {
                bytes.write(hex(raw[i + 1]) * 16 + hex(raw[i + 2]));
                i += 2;
            } else {
                bytes.write(raw[i]);
            }
        }
        return characters(bytes.toByteArray());
    }

    /** Bytes as characters: an overlong two-byte sequence (C0 AE is '.') as what it spells, the rest UTF-8. */
    private static String characters(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        int start = 0;
        for (int i = 0; i + 1 < bytes.length; i++) {
            int lead = bytes[i] & 0xff;
            int next = bytes[i + 1] & 0xff;
            if ((lead == 0xc0 || lead == 0xc1) && (next & 0xc0) == 0x80) {
                text.append(new String(bytes, start, i - start, StandardCharsets.UTF_8));
                text.append((char) (((lead & 0x1f) << 6) | (next & 0x3f)));
                start = i + 2;
                i++;
            }
        }
        return text.append(new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8)).toString();
    }

    private static int hex(byte b) {
        return Character.digit(b, 16);
    }

    private static int indexOfAny(String text, String characters) {
        for (int i = 0; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
