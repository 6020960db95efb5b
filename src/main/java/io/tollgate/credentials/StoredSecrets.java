package io.tollgate.credentials;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads one account's secrets from the file: the short form ({@code api-secret: <hash>}) or the
 * list ({@code api-secrets: [{hash, not-after}]}), never both, each stored hashed in the format of
 * its kind. A refusal names the entry and the key, never the value.
 */
final class StoredSecrets {

    private StoredSecrets() {}

    /**
     * The secrets, empty when neither form is given (a public client's case; other accounts call
     * {@link #required}).
     */
    static List<StoredSecret> read(String entry, String shortKey, String single, String listKey,
            List<CredentialsFile.SecretEntry> list, SecretVerifier verifier) {
        if (single != null && list != null) {
            throw CredentialsProblem.of(entry, shortKey + " and " + listKey + " are both set: keep one (" + listKey
                    + " takes several, each with an optional not-after)");
        }
        if (single != null) {
            requireHashed(entry, shortKey, single, verifier);
            return List.of(new StoredSecret(single, null));
        }
        if (list == null) {
            return List.of();
        }
        if (list.isEmpty()) {
            throw CredentialsProblem.of(entry, listKey + " is empty: list at least one hash, or use " + shortKey);
        }
        List<StoredSecret> secrets = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            CredentialsFile.SecretEntry item = list.get(i);
            requireHashed(entry, listKey + "[" + i + "].hash", item.hash(), verifier);
            secrets.add(new StoredSecret(item.hash(), item.notAfter()));
        }
        return List.copyOf(secrets);
    }

    /** Like {@link #read}, for an account that cannot do without a secret. */
    static List<StoredSecret> required(String entry, String shortKey, String single, String listKey,
            List<CredentialsFile.SecretEntry> list, SecretVerifier verifier) {
        List<StoredSecret> secrets = read(entry, shortKey, single, listKey, list, verifier);
        if (secrets.isEmpty()) {
            throw CredentialsProblem.of(entry, "no " + shortKey + ": set the hash of its secret in " + shortKey
                    + ", or several in " + listKey);
        }
        return secrets;
    }

    private static void requireHashed(String entry, String field, String stored, SecretVerifier verifier) {
        if (!verifier.accepts(stored)) {
            throw CredentialsProblem.of(entry, field + " must be stored hashed, as " + verifier.formatDescription()
                    + ": put the hash there, never the secret itself");
        }
    }
}
