/**
 * Revocation by subject: cut-offs that end every token of a subject or a client issued before
 * them, on every replica ({@link io.tollgate.revocation.SubjectRevocations}), kept in the state
 * store's {@link io.tollgate.store.CutOffStore} and checked by the guard from memory.
 */
package io.tollgate.revocation;
