package com.mayorcrew.deploy.rollback;

import static org.assertj.core.api.Assertions.assertThat;

import com.mayorcrew.deploy.rollback.LandedDeploys.Landed;
import com.mayorcrew.deploy.rollback.LandedDeploys.Rollback;
import java.util.List;
import org.junit.jupiter.api.Test;

class LandedDeploysTest {

  private static final Landed D0 = new Landed("d0", "app:v0", "");
  private static final Landed D1 = new Landed("d1", "app:v1", "");
  private static final Landed D2 = new Landed("d2", "app:v2", "");

  @Test
  void theCurrentDeployRollsBackToTheImageOfTheOneBefore() {
    LandedDeploys landed = new LandedDeploys(List.of(D0, D1, D2));
    assertThat(landed.current()).contains(D2);
    assertThat(landed.rollbackOf("d2")).contains(new Rollback("d2", "d1", "app:v1"));
    assertThat(landed.current()).as("asking changes nothing").contains(D2);
  }

  @Test
  void rollingBackTwiceGoesBackOneDeployAtATime() {
    LandedDeploys afterOne = new LandedDeploys(List.of(D0, D1, D2, new Landed("r1", "app:v1", "d2")));
    assertThat(afterOne.current()).contains(D1);
    assertThat(afterOne.rollbackOf("d1")).contains(new Rollback("d1", "d0", "app:v0"));

    LandedDeploys afterTwo = new LandedDeploys(List.of(D0, D1, D2, new Landed("r1", "app:v1", "d2"),
        new Landed("r2", "app:v0", "d1")));
    assertThat(afterTwo.current()).contains(D0);
    assertThat(afterTwo.rollbackOf("d0")).isEmpty();
    assertThat(afterTwo.whyNot("d0")).isEqualTo("has no earlier deploy on its host to go back to");
  }

  @Test
  void onlyTheCurrentDeployMayBeRolledBack() {
    LandedDeploys landed = new LandedDeploys(List.of(D0, D1, D2));
    assertThat(landed.rollbackOf("d1")).isEmpty();
    assertThat(landed.whyNot("d1")).contains("that is d2 (image app:v2): roll back that one");
    assertThat(new LandedDeploys(List.of()).whyNot("d1")).isEqualTo("no deploy of this service has landed on this host");
  }

  @Test
  void aNewDeployAfterARollbackIsTheCurrentOne() {
    Landed d3 = new Landed("d3", "app:v3", "");
    LandedDeploys landed = new LandedDeploys(List.of(D0, D1, D2, new Landed("r1", "app:v1", "d2"), d3));
    assertThat(landed.rollbackOf("d3")).contains(new Rollback("d3", "d1", "app:v1"));
  }
}
