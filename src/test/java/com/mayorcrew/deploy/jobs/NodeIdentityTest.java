package com.mayorcrew.deploy.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NodeIdentityTest {

  private static final Path INSTALLATION = Path.of("/srv/mayor-crew-deploy");

  @Test
  void aConfiguredIdentityIsUsedAsItIs() {
    assertThat(NodeIdentity.of(" deploy-1 ", "vm", INSTALLATION, 8080)).isEqualTo("deploy-1");
  }

  @Test
  void theDerivedIdentityIsStableForOneInstallationAndNamesTheHost() {
    String id = NodeIdentity.of("", "vm", INSTALLATION, 8080);
    assertThat(id).startsWith("vm/").isEqualTo(NodeIdentity.of(null, "vm", Path.of("/srv/./mayor-crew-deploy"), 8080));
  }

  @Test
  void nodesDifferByHostWorkingDirectoryOrPort() {
    String id = NodeIdentity.of(null, "vm", INSTALLATION, 8080);
    assertThat(NodeIdentity.of(null, "other", INSTALLATION, 8080)).isNotEqualTo(id);
    assertThat(NodeIdentity.of(null, "vm", Path.of("/srv/second"), 8080)).isNotEqualTo(id);
    assertThat(NodeIdentity.of(null, "vm", INSTALLATION, 8081)).isNotEqualTo(id);
  }

  @Test
  void aNodeOnARandomPortGetsANewIdentityAtEveryStart() {
    assertThat(NodeIdentity.of(null, "vm", INSTALLATION, 0)).isNotEqualTo(NodeIdentity.of(null, "vm", INSTALLATION, 0));
  }

  @Test
  void anIdentityLongerThanTheEngineStoresIsRefused() {
    assertThatThrownBy(() -> NodeIdentity.of("n".repeat(256), "vm", INSTALLATION, 8080))
        .hasMessageContaining("mcd.jobs.node-id");
  }
}
