package com.mayorcrew.deploy.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mayorcrew.deploy.config.DeployProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every file the store writes or serves lies directly in its directory, whatever id it is given. */
class DeployMetadataStoreTest {

  @TempDir Path root;

  @Test
  void reportsAreNamedByTheirDeployIdInsideTheDirectory() throws Exception {
    Path logs = root.resolve("logs");
    DeployMetadataStore store = new DeployMetadataStore(new DeployProperties(Map.of(), Map.of(), logs, null, null));

    Path report = store.writeStatusReport("deploy-20261128-1", "Status: done");

    assertThat(report).isEqualTo(logs.resolve("deploy-20261128-1-status.txt").toAbsolutePath());
    assertThat(Files.readString(store.statusReportOf("deploy-20261128-1"))).isEqualTo("Status: done");
  }

  @Test
  void idsThatWouldLeaveTheDirectoryAreRefusedBeforeAnythingIsWritten() {
    Path logs = root.resolve("logs");
    DeployMetadataStore store = new DeployMetadataStore(new DeployProperties(Map.of(), Map.of(), logs, null, null));

    for (String id : new String[] {"../../x", "../x", "/etc/passwd", "a/b", "..", "", null}) {
      assertThatThrownBy(() -> store.writeStatusReport(id, "x")).as(String.valueOf(id))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> store.statusReportOf(id)).isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> store.latestPointer("../host", "svc")).isInstanceOf(IllegalArgumentException.class);
    assertThat(root.resolve("x-status.txt")).doesNotExist();
    assertThat(logs).doesNotExist();
  }
}
