/**
 * The operator's write endpoints on the management port, closed unless {@code tollgate.admin.tokens}
 * names operator tokens: {@code POST /actuator/revocations} cuts off every token of a subject or a
 * client issued before the call.
 */
package io.tollgate.admin;
