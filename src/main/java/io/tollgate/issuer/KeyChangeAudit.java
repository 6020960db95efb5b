package io.tollgate.issuer;

import io.tollgate.audit.AuditEvent;
import io.tollgate.audit.AuditLog;
import java.util.function.BiConsumer;

/**
 * One audit line per change a reload of the key file applied, naming the key by its {@code kid}
 * alone: {@code keys.key.added}, {@code keys.key.activated} (the key that signs from now on),
 * {@code keys.key.retired} (removed from the file: its tokens stop verifying).
 */
final class KeyChangeAudit implements BiConsumer<KeyRing, KeyRing> {

    private final AuditLog audit;

    KeyChangeAudit(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public void accept(KeyRing before, KeyRing after) {
        for (String kid : after.keyIds()) {
            if (!before.keyIds().contains(kid)) {
                audit.record(AuditEvent.of("keys.key.added").with("kid", kid));
            }
        }
        if (!after.activeKeyId().equals(before.activeKeyId())) {
            audit.record(AuditEvent.of("keys.key.activated").with("kid", after.activeKeyId()));
        }
        for (String kid : before.keyIds()) {
            if (!after.keyIds().contains(kid)) {
                audit.record(AuditEvent.of("keys.key.retired").with("kid", kid));
            }
        }
    }
}
