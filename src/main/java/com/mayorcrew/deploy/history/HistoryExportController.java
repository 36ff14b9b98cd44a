package com.mayorcrew.deploy.history;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The deploy history for auditors' own tools: the list (same filters as the page) and one deploy's timeline, as
 * JSON, or as CSV with {@code ?format=csv} or {@code Accept: text/csv}. Read as the authenticated caller.
 */
@RestController
class HistoryExportController {

  static final MediaType TEXT_CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

  private final DeployListReader listReader;
  private final DeployTimelineReader timelineReader;

  public HistoryExportController(DeployListReader listReader, DeployTimelineReader timelineReader) {
    this.listReader = listReader;
    this.timelineReader = timelineReader;
  }

  @GetMapping("/api/history/deploys")
  public ResponseEntity<?> deploys(@ModelAttribute HistoryFilter filter,
      @RequestParam(required = false) String format, @RequestHeader(value = HttpHeaders.ACCEPT, required = false)
      String accept) {
    DeployPage page = listReader.list(filter);
    if (wantsCsv(format, accept)) {
      return csv("deploys.csv", HistoryCsv.deploys(page.deploys()));
    }
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(page);
  }

  @GetMapping("/api/history/deploys/{deployId}")
  public ResponseEntity<?> deploy(@PathVariable String deployId, @RequestParam(required = false) String format,
      @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
    DeployTimeline timeline = timelineReader.read(deployId);
    if (timeline == null) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no deploy " + deployId + " in your history");
    }
    if (wantsCsv(format, accept)) {
      return csv(deployId + "-events.csv", HistoryCsv.events(deployId, timeline.events()));
    }
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(timeline);
  }

  private static boolean wantsCsv(String format, String accept) {
    return "csv".equalsIgnoreCase(format) || format == null && accept != null && accept.contains("text/csv");
  }

  private static ResponseEntity<String> csv(String fileName, String body) {
    return ResponseEntity.ok().contentType(TEXT_CSV)
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"").body(body);
  }
}
