package app.vanguard.auth;

import io.micronaut.context.annotation.ConfigurationProperties;


/** vanguard.client-address-header: the header naming the client's IP behind a load balancer. */
@ConfigurationProperties("vanguard")
public class ClientAddressSettings {

    /** Set only behind a proxy that overwrites it (e.g. X-Forwarded-For); empty: the TCP peer. */
    private String clientAddressHeader = "";

    public String getClientAddressHeader() { return clientAddressHeader; }
    public void setClientAddressHeader(String clientAddressHeader) { this.clientAddressHeader = clientAddressHeader; }
}
