package com.mayorcrew.deploy.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The dashboard's charts as SVG geometry, drawn by the page's template (no script, no chart library). Every bar
 * has a tooltip title and its value written next to it; the page also lists the values in a table.
 */
final class DashboardCharts {

  /** An SVG chart: its accessible title and description, size, bars and text. */
  record SvgChart(String id, String title, String description, int width, int height, List<Rect> bars,
      List<Label> labels) {}

  /** A bar; {@code title} is its tooltip and accessible name. Coordinates are SVG numbers ({@link #number}). */
  record Rect(String x, String y, String width, String height, String cssClass, String title) {

    Rect(double x, double y, double width, double height, String cssClass, String title) {
      this(number(x), number(y), number(width), number(height), cssClass, title);
    }
  }

  /** @param anchor SVG text-anchor: start, middle or end */
  record Label(String x, String y, String text, String cssClass, String anchor) {

    Label(double x, double y, String text, String cssClass, String anchor) {
      this(number(x), number(y), text, cssClass, anchor);
    }
  }

  static final int WIDTH = 760;
  private static final int PLOT_HEIGHT = 160;
  private static final int TOP = 16;
  private static final int ROW = 26;
  private static final int LABEL_COLUMN = 190;
  private static final int VALUE_COLUMN = 230;

  private DashboardCharts() {}

  /** One column per day: landed deploys from the bottom, failures stacked on them; a week's tick under the axis. */
  static SvgChart deploysPerDay(List<DeployDashboard.DayCount> days) {
    long max = Math.max(1, days.stream().mapToLong(day -> day.landed() + day.failures()).max().orElse(0));
    double slot = (double) WIDTH / Math.max(1, days.size());
    double barWidth = Math.max(1, slot * 0.7);
    double base = TOP + PLOT_HEIGHT;
    List<Rect> bars = new ArrayList<>();
    List<Label> labels = new ArrayList<>();
    for (int i = 0; i < days.size(); i++) {
      DeployDashboard.DayCount day = days.get(i);
      double x = i * slot + (slot - barWidth) / 2;
      double landedHeight = PLOT_HEIGHT * day.landed() / (double) max;
      double failedHeight = PLOT_HEIGHT * day.failures() / (double) max;
      String title = day.day() + ": " + day.landed() + " landed, " + day.failures() + " failed or rolled back";
      if (day.landed() > 0) {
        bars.add(new Rect(x, base - landedHeight, barWidth, landedHeight, "bar-landed", title));
      }
      if (day.failures() > 0) {
        bars.add(new Rect(x, base - landedHeight - failedHeight, barWidth, failedHeight, "bar-failed", title));
      }
      if (day.landed() + day.failures() > 0) {
        labels.add(new Label(x + barWidth / 2, base - landedHeight - failedHeight - 3,
            day.failures() == 0 ? Long.toString(day.landed()) : day.landed() + "+" + day.failures(), "value",
            "middle"));
      }
      if (i == 0 || i == days.size() - 1 || i % 7 == 0 && days.size() - i > 3) {
        labels.add(new Label(x + barWidth / 2, base + 14, day.day().toString().substring(5), "axis", "middle"));
      }
    }
    long landed = days.stream().mapToLong(DeployDashboard.DayCount::landed).sum();
    long failed = days.stream().mapToLong(DeployDashboard.DayCount::failures).sum();
    return new SvgChart("chart-days", "Deploys per day",
        days.size() + " days: " + landed + " landed (green), " + failed + " failed or rolled back (red, on top)",
        WIDTH, (int) base + 20, bars, labels);
  }

  /** One row per phase: the median as a thick bar, the 90th percentile as a thin one under it. */
  static SvgChart phaseTimes(List<DeployDashboard.PhaseTime> phases) {
    long max = Math.max(1, phases.stream().mapToLong(DeployDashboard.PhaseTime::p90Millis).max().orElse(0));
    double scale = (WIDTH - LABEL_COLUMN - VALUE_COLUMN) / (double) max;
    List<Rect> bars = new ArrayList<>();
    List<Label> labels = new ArrayList<>();
    for (int i = 0; i < phases.size(); i++) {
      DeployDashboard.PhaseTime phase = phases.get(i);
      double y = i * ROW + 4;
      String value = "median " + Times.spanOf(phase.medianMillis()) + " · p90 " + Times.spanOf(phase.p90Millis())
          + " (" + phase.deploys() + (phase.deploys() == 1 ? " deploy)" : " deploys)");
      labels.add(new Label(LABEL_COLUMN - 8, y + 13, phase.phase(), "axis", "end"));
      bars.add(new Rect(LABEL_COLUMN, y, Math.max(1, phase.medianMillis() * scale), 12,
          "bar-median phase-" + i, phase.phase() + ": " + value));
      bars.add(new Rect(LABEL_COLUMN, y + 14, Math.max(1, phase.p90Millis() * scale), 5,
          "bar-p90 phase-" + i, phase.phase() + ": " + value));
      labels.add(new Label(LABEL_COLUMN + phase.p90Millis() * scale + 8, y + 13, value, "value", "start"));
    }
    return new SvgChart("chart-phases", "Where time goes, by phase",
        "Median (thick) and 90th percentile (thin) time per phase over the deploys that spent time in it",
        WIDTH, phases.size() * ROW + 8, bars, labels);
  }

  /** One row per reason, its length the count. */
  static SvgChart escalations(List<DeployDashboard.ReasonCount> reasons) {
    long max = Math.max(1, reasons.stream().mapToLong(DeployDashboard.ReasonCount::count).max().orElse(0));
    double scale = (WIDTH - LABEL_COLUMN - VALUE_COLUMN) / (double) max;
    List<Rect> bars = new ArrayList<>();
    List<Label> labels = new ArrayList<>();
    for (int i = 0; i < reasons.size(); i++) {
      DeployDashboard.ReasonCount reason = reasons.get(i);
      double y = i * ROW + 4;
      labels.add(new Label(LABEL_COLUMN - 8, y + 13, reason.reason(), "axis", "end"));
      bars.add(new Rect(LABEL_COLUMN, y, reason.count() * scale, 16, "bar-escalation",
          reason.reason() + ": " + reason.count()));
      labels.add(new Label(LABEL_COLUMN + reason.count() * scale + 8, y + 13, Long.toString(reason.count()),
          "value", "start"));
    }
    return new SvgChart("chart-escalations", "Escalations by reason",
        reasons.stream().mapToLong(DeployDashboard.ReasonCount::count).sum() + " escalations", WIDTH,
        reasons.size() * ROW + 8, bars, labels);
  }

  /** SVG coordinates with two decimals at most and never in exponent notation, whatever the server's locale. */
  static String number(double value) {
    String fixed = String.format(Locale.ROOT, "%.2f", value);
    return fixed.endsWith(".00") ? fixed.substring(0, fixed.length() - 3) : fixed;
  }
}
