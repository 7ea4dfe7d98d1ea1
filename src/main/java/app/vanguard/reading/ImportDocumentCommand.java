package app.vanguard.reading;

import app.vanguard.dev.EmbeddedServers;
import app.vanguard.reading.ReadingViews.DocumentKind;
import io.micronaut.context.ApplicationContext;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Command-line import of a plain-text or Markdown document into the reading library (the same importer as
 * {@code POST /reading/documents/import}; all or nothing). Usage:
 *
 * <pre>ImportDocumentCommand &lt;key&gt; &lt;file&gt; [kind] [title]</pre>
 *
 * With DB_URL set it uses that database; otherwise, with the embedded servers on the class path and
 * {@code -Dvanguard.dev.dir}, the run command's embedded database (stop the service first: same ports). See README.
 */
public final class ImportDocumentCommand {

    private ImportDocumentCommand() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: ImportDocumentCommand <key> <file> [CONSTITUTION|REGULATION|SPEECH|NOTICE|OTHER] "
                    + "[title]");
            System.exit(2);
        }
        String key = args[0];
        String text = Files.readString(Path.of(args[1]), StandardCharsets.UTF_8);
        DocumentKind kind = args.length > 2 ? DocumentKind.valueOf(args[2]) : DocumentKind.OTHER;
        String title = args.length > 3 ? args[3] : null;
        Map<String, Object> properties = new HashMap<>();
        EmbeddedServers servers = null;
        boolean external = System.getenv("DB_URL") != null || System.getenv("REDIS_URI") != null;
        String devDir = System.getProperty("vanguard.dev.dir");
        if (!external && devDir != null && EmbeddedServers.available()) {
            servers = EmbeddedServers.start(Path.of(devDir), 3307, 6380);
            properties.putAll(servers.properties());
        }
        int status = 0;
        // Against the run command's embedded servers this is the dev environment (its development secrets);
        // against an external database it needs JWT_SECRET and IDENTITY_HASH_KEY like any other start.
        var builder = ApplicationContext.builder().properties(properties);
        if (servers != null) {
            builder.environments("dev");
        }
        try (ApplicationContext context = builder.start()) {
            var result = context.getBean(DocumentImporter.class).importText(key, title, kind, text);
            context.getBean(ReadingCache.class).plansChanged();
            System.out.printf("Imported %s (document %d, revision %d): %d sections, %d articles "
                    + "(%d kept, %d added, %d retired)%n", result.title(), result.documentId(), result.revision(),
                    result.sections(), result.articles(), result.kept(), result.added(), result.retired());
        } catch (RuntimeException e) {
            System.err.println("Import failed, nothing was imported: " + e.getMessage());
            status = 1;
        } finally {
            if (servers != null) {
                servers.stop();
            }
        }
        System.exit(status);
    }
}
