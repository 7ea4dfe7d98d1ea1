package app.vanguard.shared;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * vanguard.files.*: the local file store's directory (FILES_DIR). Unset: {@code files/} under the run command's data
 * directory ({@code vanguard.dev.dir}, i.e. {@code .dev-data/files}), else {@code ./files}.
 */
@ConfigurationProperties("vanguard.files")
public class FileStoreSettings {

    @Nullable
    private String directory;

    public @Nullable String getDirectory() { return directory; }
    public void setDirectory(@Nullable String directory) { this.directory = directory; }

    public String resolved() {
        if (directory != null && !directory.isBlank()) {
            return directory;
        }
        String dev = System.getProperty("vanguard.dev.dir");
        return dev != null ? dev + "/files" : "files";
    }
}
