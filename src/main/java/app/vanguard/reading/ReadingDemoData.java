package app.vanguard.reading;

import app.vanguard.org.Caller;
import app.vanguard.org.DemoData;
import app.vanguard.org.Organisation;
import app.vanguard.org.OrganisationRepository;
import app.vanguard.org.Role;
import app.vanguard.shared.BusinessTime;
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
import java.time.Clock;
import java.util.List;
import java.util.Set;

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
    private final LibraryStore library;
    private final PlanService plans;
    private final OrganisationRepository organisations;
    private final Clock clock;

    public ReadingDemoData(DocumentImporter importer, LibraryStore library, PlanService plans,
                           OrganisationRepository organisations, Clock clock) {
        this.importer = importer;
        this.library = library;
        this.plans = plans;
        this.organisations = organisations;
        this.clock = clock;
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
            // A plan on each root committee, so every demo member's GET /reading/today has articles.
            Caller installer = new Caller(0, null, Set.of(Role.SYSTEM_ADMIN), List.of());
            for (Organisation root : organisations.findByParentIdIsNull()) {
                plans.set(installer, root.id(),
                        new ReadingViews.PlanRequest(List.of(result.documentId()), 2, BusinessTime.today(clock)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
