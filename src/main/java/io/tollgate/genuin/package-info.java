/**
 * The genuin partner dialect's wire bytes (codes, messages, bodies, the {@code gn-access-token}
 * header), in one place for the guard and the brand token endpoint.
 */
package io.tollgate.genuin;
