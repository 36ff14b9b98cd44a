package com.mayorcrew.deploy.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.bpmn.instance.di.Waypoint;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The diagrams are the map people read in Cockpit and Modeler: every node and flow is drawn, shapes do not overlap
 * (except a boundary event on its task and what a subprocess contains), labels cover no shape and no other label,
 * and flows run in horizontal and vertical segments.
 */
class ProcessDiagramTest {

  private static final String CANARY_DEPLOY = "processes/canary-deploy.bpmn";
  private static final String REQUEST_ROLLBACK = "processes/request-rollback.bpmn";


  private record Box(String owner, double x, double y, double width, double height) {
    static Box of(String owner, Bounds bounds) {
      return new Box(owner, bounds.getX(), bounds.getY(), bounds.getWidth(), bounds.getHeight());
    }

    boolean overlaps(Box other) {
      return x < other.x + other.width && other.x < x + width && y < other.y + other.height && other.y < y + height;
    }

    boolean contains(Box other) {
      return x <= other.x && y <= other.y && other.x + other.width <= x + width
          && other.y + other.height <= y + height;
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {CANARY_DEPLOY, REQUEST_ROLLBACK})
  void everyNodeAndFlowIsDrawn(String file) {
    BpmnModelInstance model = Bpmn.readModelFromFile(new File(file));
    Set<String> drawn = model.getModelElementsByType(BpmnShape.class).stream()
        .map(shape -> shape.getBpmnElement().getId()).collect(Collectors.toSet());
    drawn.addAll(model.getModelElementsByType(BpmnEdge.class).stream()
        .map(edge -> edge.getBpmnElement().getId()).collect(Collectors.toSet()));
    List<String> undrawn = new ArrayList<>();
    model.getModelElementsByType(FlowNode.class).forEach(node -> addIfMissing(undrawn, drawn, node));
    model.getModelElementsByType(SequenceFlow.class).forEach(flow -> addIfMissing(undrawn, drawn, flow));
    assertThat(undrawn).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {CANARY_DEPLOY, REQUEST_ROLLBACK})
  void shapesDoNotOverlapUnlessOneHoldsTheOther(String file) {
    BpmnModelInstance model = Bpmn.readModelFromFile(new File(file));
    List<BpmnShape> shapes = List.copyOf(model.getModelElementsByType(BpmnShape.class));
    List<String> overlaps = new ArrayList<>();
    for (int i = 0; i < shapes.size(); i++) {
      for (int j = i + 1; j < shapes.size(); j++) {
        BpmnShape a = shapes.get(i);
        BpmnShape b = shapes.get(j);
        Box boxA = Box.of(a.getBpmnElement().getId(), a.getBounds());
        Box boxB = Box.of(b.getBpmnElement().getId(), b.getBounds());
        if (boxA.overlaps(boxB) && !attached(a.getBpmnElement(), b.getBpmnElement())
            && !holds(a, boxA, boxB) && !holds(b, boxB, boxA)) {
          overlaps.add(boxA.owner() + " / " + boxB.owner());
        }
      }
    }
    assertThat(overlaps).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {CANARY_DEPLOY, REQUEST_ROLLBACK})
  void labelsCoverNoShapeAndNoOtherLabel(String file) {
    BpmnModelInstance model = Bpmn.readModelFromFile(new File(file));
    List<Box> labels = new ArrayList<>();
    model.getModelElementsByType(BpmnShape.class).stream().filter(shape -> shape.getBpmnLabel() != null)
        .forEach(shape -> labels.add(Box.of(shape.getBpmnElement().getId(), shape.getBpmnLabel().getBounds())));
    model.getModelElementsByType(BpmnEdge.class).stream().filter(edge -> edge.getBpmnLabel() != null)
        .forEach(edge -> labels.add(Box.of(edge.getBpmnElement().getId(), edge.getBpmnLabel().getBounds())));
    List<String> covered = new ArrayList<>();
    for (Box label : labels) {
      for (BpmnShape shape : model.getModelElementsByType(BpmnShape.class)) {
        Box box = Box.of(shape.getBpmnElement().getId(), shape.getBounds());
        if (!(shape.getBpmnElement() instanceof SubProcess) && !box.owner().equals(label.owner())
            && label.overlaps(box)) {
          covered.add("label of " + label.owner() + " covers " + box.owner());
        }
      }
      labels.stream().filter(other -> label.owner().compareTo(other.owner()) < 0 && label.overlaps(other))
          .forEach(other -> covered.add("label of " + label.owner() + " covers the label of " + other.owner()));
    }
    assertThat(covered).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {CANARY_DEPLOY, REQUEST_ROLLBACK})
  void flowsRunInHorizontalAndVerticalSegments(String file) {
    BpmnModelInstance model = Bpmn.readModelFromFile(new File(file));
    List<String> slanted = new ArrayList<>();
    for (BpmnEdge edge : model.getModelElementsByType(BpmnEdge.class)) {
      List<Waypoint> points = List.copyOf(edge.getWaypoints());
      for (int i = 1; i < points.size(); i++) {
        Waypoint from = points.get(i - 1);
        Waypoint to = points.get(i);
        if (from.getX().doubleValue() != to.getX() && from.getY().doubleValue() != to.getY()) {
          slanted.add(edge.getBpmnElement().getId() + " segment " + i);
        }
      }
    }
    assertThat(slanted).isEmpty();
  }

  private static void addIfMissing(List<String> undrawn, Set<String> drawn, BaseElement element) {
    if (!drawn.contains(element.getId())) {
      undrawn.add(element.getId());
    }
  }

  private static boolean attached(ModelElementInstance a, ModelElementInstance b) {
    return a instanceof BoundaryEvent event && event.getAttachedTo() == b
        || b instanceof BoundaryEvent event2 && event2.getAttachedTo() == a;
  }

  // An expanded subprocess draws what it contains (its own boundary events count as attached).
  private static boolean holds(BpmnShape shape, Box outer, Box inner) {
    return shape.getBpmnElement() instanceof SubProcess && outer.contains(inner);
  }
}
