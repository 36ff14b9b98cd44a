package com.mayorcrew.deploy.history;

import java.time.LocalDate;
import java.time.ZoneOffset;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The deploy dashboard: {@code /history/dashboard} as a page with server-drawn SVG charts, and
 * {@code /api/history/dashboard} as JSON, with the same filters. Read from the engine's history as the
 * authenticated caller, like the other history pages, so it counts the deploys the caller may see.
 */
@Controller
class DeployDashboardController {

  private final EndedDeployReader reader;

  public DeployDashboardController(EndedDeployReader reader) {
    this.reader = reader;
  }

  @GetMapping({"/history/dashboard", "/history/dashboard/"})
  public String page(@ModelAttribute("filter") DashboardFilter filter, Model model) {
    DeployDashboard dashboard = dashboard(filter);
    model.addAttribute("dashboard", dashboard);
    model.addAttribute("phaseChart", DashboardCharts.phaseTimes(dashboard.phases()));
    model.addAttribute("escalationChart", DashboardCharts.escalations(dashboard.escalations()));
    model.addAttribute("dayChart", DashboardCharts.deploysPerDay(dashboard.days()));
    return "history/dashboard";
  }

  @GetMapping(path = "/api/history/dashboard", produces = "application/json")
  @ResponseBody
  public DeployDashboard json(@ModelAttribute DashboardFilter filter) {
    return dashboard(filter);
  }

  private DeployDashboard dashboard(DashboardFilter filter) {
    DashboardPeriod period = filter.period(LocalDate.now(ZoneOffset.UTC));
    return DeployDashboard.of(filter.service(), filter.host(), period,
        reader.endedSince(filter.service(), filter.host(), period.start()));
  }
}
