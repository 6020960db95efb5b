package io.tollgate.store;

import java.time.Clock;

/** The contract, on the in-memory adapters of the embedded default. */
class MemoryStateStoresTest extends StateStoreContract {

    private final StateStores stores = new MemoryStateStores(Clock.systemUTC());
    private final RevocationStore revocations = new MemoryRevocationStore(Clock.systemUTC());

    @Override
    StateStores stores() {
        return stores;
    }

    @Override
    RevocationStore revocations() {
        return revocations;
    }
}
