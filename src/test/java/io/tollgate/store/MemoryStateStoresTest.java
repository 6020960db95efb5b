package io.tollgate.store;

/** The contract, on the in-memory adapters of the embedded default. */
class MemoryStateStoresTest extends StateStoreContract {

    private final StateStores stores = new MemoryStateStores(clock);
    private final RevocationStore revocations = new MemoryRevocationStore(clock, SKEW);
    private final CutOffStore cutOffs = new MemoryCutOffStore(clock);

    @Override
    StateStores stores() {
        return stores;
    }

    @Override
    RevocationStore revocations() {
        return revocations;
    }

    @Override
    CutOffStore cutOffs() {
        return cutOffs;
    }
}
