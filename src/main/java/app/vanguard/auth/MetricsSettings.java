package app.vanguard.auth;

import io.micronaut.context.annotation.ConfigurationProperties;

/** vanguard.metrics.*: who may scrape /prometheus (see {@link OperationsEndpointsFilter}). */
@ConfigurationProperties("vanguard.metrics")
public class MetricsSettings {

    /** Shared secret a scrape sends in X-Metrics-Token (METRICS_TOKEN); empty: loopback peers only. */
    private String token = "";

    public String getToken() { return token; }
    public void setToken(String token) { this.token = token; }
}
