/**
 * The audit trail: the changes a reload applied, the revocations, lockouts and refused issuances,
 * one structured line each on the {@code tollgate.audit} logger.
 */
package io.tollgate.audit;
