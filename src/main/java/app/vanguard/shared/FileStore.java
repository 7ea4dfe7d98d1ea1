package app.vanguard.shared;

import java.util.Optional;

/**
 * Where uploaded files' bytes live, by key (a feature's own prefix and a random name). The embedded default is a local
 * directory ({@link LocalFileStore}); an object store can replace it as another bean without touching the features.
 */
public interface FileStore {

    void put(String key, byte[] bytes);

    Optional<byte[]> get(String key);

    void delete(String key);
}
