package app.vanguard.support;

import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.ApplicationContextConfigurer;
import io.micronaut.context.annotation.ContextConfigurer;

/** Points every test application context at the shared real servers. */
@ContextConfigurer
public class TestContextConfigurer implements ApplicationContextConfigurer {

    @Override
    public void configure(ApplicationContextBuilder builder) {
        builder.properties(TestServers.properties());
    }
}
