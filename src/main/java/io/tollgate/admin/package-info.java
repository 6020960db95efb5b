/**
 * The operator's ways to cut off a partner's live tokens: {@code POST /actuator/revocations} on the
 * management port, closed unless {@code tollgate.admin.tokens} names operator tokens, and the
 * credentials file, whose suspensions and removals cut off on reload ({@link
 * io.tollgate.admin.CredentialsCutOffs}).
 */
package io.tollgate.admin;
