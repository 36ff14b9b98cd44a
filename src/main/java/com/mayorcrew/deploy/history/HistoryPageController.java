package com.mayorcrew.deploy.history;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The deploy history pages for auditors: {@code /history} lists deploys, {@code /history/{deployId}} shows one
 * deploy's timeline
 * and {@code /history/{deployId}/diagram} its diagram's data. HTTP Basic authenticates the caller, whose engine authorizations decide what they see.
 */
@Controller
class HistoryPageController {

  private final DeployListReader listReader;
  private final DeployTimelineReader timelineReader;
  private final DeployDiagramReader diagramReader;

  public HistoryPageController(DeployListReader listReader, DeployTimelineReader timelineReader,
      DeployDiagramReader diagramReader) {
    this.listReader = listReader;
    this.timelineReader = timelineReader;
    this.diagramReader = diagramReader;
  }

  @GetMapping({"/history", "/history/"})
  public String list(@ModelAttribute("filter") HistoryFilter filter, Model model) {
    model.addAttribute("result", listReader.list(filter));
    model.addAttribute("previousPage", pageLink(filter.page() - 1));
    model.addAttribute("nextPage", pageLink(filter.page() + 1));
    return "history/list";
  }

  @GetMapping("/history/{deployId}")
  public String timeline(@PathVariable String deployId, Model model) {
    DeployTimeline timeline = timelineReader.read(deployId);
    if (timeline == null) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no deploy " + deployId + " in your history");
    }
    model.addAttribute("timeline", timeline);
    return "history/timeline";
  }

  /** The model version the deploy ran and the path it took, for the page's diagram (assets/deploy-diagram.js). */
  @GetMapping(path = "/history/{deployId}/diagram", produces = "application/json")
  @ResponseBody
  public DeployDiagram diagram(@PathVariable String deployId) {
    DeployDiagram diagram = diagramReader.read(deployId);
    if (diagram == null) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no deploy " + deployId + " in your history");
    }
    return diagram;
  }

  /** The current list URL with its filters, on another page. */
  private static String pageLink(int page) {
    return ServletUriComponentsBuilder.fromCurrentRequest().replaceQueryParam("page", page).build()
        .toUriString();
  }
}
