package app.vanguard.auth;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.util.List;


/** vanguard.client-address-header: the header naming the client's IP behind a load balancer. */
@ConfigurationProperties("vanguard")
public class ClientAddressSettings {

    /** Set only behind a proxy that overwrites it (e.g. X-Forwarded-For); empty: the TCP peer. */
    private String clientAddressHeader = "";

    /**
     * Addresses of our own proxies (exact IPs). The client is the rightmost address of the header that is not one
     * of them; with none listed, the rightmost address (the one our proxy appended).
     */
    private List<String> trustedProxies = List.of();

    public List<String> getTrustedProxies() { return trustedProxies; }
    public void setTrustedProxies(List<String> trustedProxies) { this.trustedProxies = trustedProxies; }

    public String getClientAddressHeader() { return clientAddressHeader; }
    public void setClientAddressHeader(String clientAddressHeader) { this.clientAddressHeader = clientAddressHeader; }
}
