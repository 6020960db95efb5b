/**
 * The provisioning CLI, run from the same jar without starting the server: {@code java -jar
 * tollgate.jar credentials <verb>}, {@code keys <verb>} and {@code admin token}. It edits the
 * credentials file and the JWK set file an operator keeps in Git (comments and order kept),
 * generates secrets and stores only their hashes, checks every result with the server's own
 * loaders before an atomic rename, and exits 0 (done), 1 (refused) or 2 (usage error).
 */
package io.tollgate.cli;
