package app.vanguard.reading;

import app.vanguard.org.DemoData;
import app.vanguard.reading.ReadingViews.DocumentKind;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Order;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Demo reading content for the run command: a small self-written reader (src/main/resources/demo/reading-demo.md,
 * not the Party Constitution's text), imported once into an empty library. Runs after {@link DemoData}.
 */
@Singleton
@Requires(property = "vanguard.demo-data.enabled", value = "true")
public class ReadingDemoData {

    static final String DEMO_KEY = "demo-reader";
    private static final Logger LOG = LoggerFactory.getLogger(ReadingDemoData.class);

    private final DocumentImporter importer;
    private final Library library;

    public ReadingDemoData(DocumentImporter importer, Library library) {
        this.importer = importer;
        this.library = library;
    }

    @EventListener
    @Order(100)
    public void onStartup(StartupEvent event) {
        if (!library.documents().isEmpty()) {
            return;
        }
        try (InputStream in = ReadingDemoData.class.getResourceAsStream("/demo/reading-demo.md")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            var result = importer.importText(DEMO_KEY, null, DocumentKind.OTHER, text);
            LOG.info("Demo reading document imported: {} ({} articles)", result.title(), result.articles());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
