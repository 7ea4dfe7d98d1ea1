package app.vanguard.shared;

import com.mysql.cj.conf.PropertyKey;
import com.mysql.cj.conf.PropertySet;
import com.mysql.cj.jdbc.JdbcConnection;
import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The MySQL driver settings of application.yml reach the pooled connections. They did not while written as YAML
 * booleans: the driver reads java.util.Properties strings and ignored them without a word (found with the benchmark's
 * profile, which showed every statement parsed again).
 */
@MicronautTest(transactional = false)
class DriverSettingsTest {

    @Inject
    DataSource dataSource;

    @Test
    void pooledConnectionsCarryTheDriverSettings() throws Exception {
        try (Connection c = dataSource.unwrap(HikariDataSource.class).getConnection()) {
            PropertySet settings = c.unwrap(JdbcConnection.class).getPropertySet();
            assertTrue(settings.getBooleanProperty(PropertyKey.cachePrepStmts).getValue(), "cachePrepStmts");
            assertTrue(settings.getBooleanProperty(PropertyKey.useLocalSessionState).getValue(), "useLocalSessionState");
            assertTrue(settings.getBooleanProperty(PropertyKey.rewriteBatchedStatements).getValue(), "rewriteBatchedStatements");
            assertTrue(settings.getBooleanProperty(PropertyKey.allowMultiQueries).getValue(), "allowMultiQueries");
            assertEquals(500, settings.getIntegerProperty(PropertyKey.prepStmtCacheSize).getValue());
        }
    }
}
