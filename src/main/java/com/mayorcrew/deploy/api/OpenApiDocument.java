package com.mayorcrew.deploy.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document of the application's own JSON API, served at {@code /api/openapi} (springdoc; the paths it
 * covers are set in application.yaml). The engine's REST API has its own document in Camunda's distribution.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiDocument {

  @Bean
  OpenAPI mayorCrewDeployApi() {
    return new OpenAPI()
        .info(new Info().title("mayor-crew-deploy API").version("1")
            .description("Request, follow, decide and roll back canary deploys with plain JSON. HTTP Basic "
                + "authentication with the application's users; errors are RFC 9457 problem details."))
        .components(new Components().addSecuritySchemes("basic",
            new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
        .addSecurityItem(new SecurityRequirement().addList("basic"));
  }
}
