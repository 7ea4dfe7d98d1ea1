package app.vanguard.shared;

import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The embedded file store: one file per key under a local directory, written atomically (temp file, then move). An
 * object store is added as another {@link FileStore} bean annotated {@code @Replaces(LocalFileStore.class)}.
 */
@Singleton
public class LocalFileStore implements FileStore {

    private final Path root;

    public LocalFileStore(FileStoreSettings settings) {
        this.root = Path.of(settings.resolved()).toAbsolutePath().normalize();
    }

    private Path path(String key) {
        if (!key.matches("[a-z0-9/_.-]{1,200}") || key.contains("..")) {
            throw new IllegalArgumentException("bad file key");
        }
        return root.resolve(key);
    }

    @Override
    public void put(String key, byte[] bytes) {
        Path target = path(key);
        try {
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), ".upload", ".tmp");
            Files.write(temp, bytes);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optional<byte[]> get(String key) {
        try {
            return Optional.of(Files.readAllBytes(path(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            Files.deleteIfExists(path(key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
