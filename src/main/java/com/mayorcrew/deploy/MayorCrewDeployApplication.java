package com.mayorcrew.deploy;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class MayorCrewDeployApplication {

  public static void main(String[] args) {
    SpringApplication.run(MayorCrewDeployApplication.class, args);
  }
}
