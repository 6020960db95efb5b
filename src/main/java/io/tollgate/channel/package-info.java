/**
 * The channel partner dialect's wire bytes (statuses and plain-text bodies), in one place for the
 * guard and the channel token endpoint.
 */
package io.tollgate.channel;
