package dev.flow.compiler.bpmn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.compiler.bpmn.Layout.Bounds;
import dev.flow.compiler.bpmn.Layout.Placement;
import dev.flow.compiler.bpmn.Layout.Point;
import dev.flow.compiler.bpmn.ProcessGraph.Flow;
import dev.flow.compiler.bpmn.ProcessGraph.Node;
import dev.flow.compiler.bpmn.ProcessGraph.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Routes of the layout that no example reaches, on graphs made by hand. */
class LayoutTest {
  /**
   * Two flows between the same two gateways whose ends are in different rows, with a step in the
   * target's column right above the target: the second goes around above and into the target from
   * the gap before its column, not down through the step.
   */
  @Test
  void theAroundRouteOfATwinFlowIntoALowerRowStaysClearOfTheTargetsColumn() {
    ProcessGraph g = new ProcessGraph("T");
    Node start = g.add(Type.START_EVENT, "Start");
    Node split = g.add(Type.EXCLUSIVE_GATEWAY, "Which?");
    Node x = g.add(Type.USER_TASK, "X");
    Node y = g.add(Type.USER_TASK, "Y");
    Node a = g.add(Type.USER_TASK, "A");
    Node join = g.add(Type.EXCLUSIVE_GATEWAY, "");
    Node end1 = g.add(Type.END_EVENT, "Done");
    Node end2 = g.add(Type.END_EVENT, "Also done");
    g.flow(start.id, split.id, "", Optional.empty());
    g.flow(split.id, x.id, "x", Optional.of("x"));
    Flow first = g.flow(split.id, join.id, "one", Optional.of("one"));
    Flow second = g.flow(split.id, join.id, "two", Optional.of("two"));
    g.flow(split.id, a.id, "a", Optional.of("a"));
    g.flow(x.id, y.id, "", Optional.empty());
    g.flow(a.id, join.id, "", Optional.empty());
    g.flow(y.id, end1.id, "", Optional.empty());
    g.flow(join.id, end2.id, "", Optional.empty());
    Placement p = Layout.place(g, 0, 0);
    Bounds from = p.shapes().get(split.id);
    Bounds to = p.shapes().get(join.id);
    Bounds above = p.shapes().get(y.id);
    // The case: the join is a row below its split, under Y, in Y's column.
    assertTrue(to.centerY() > from.centerY(), "join below split");
    assertEquals(above.centerX(), to.centerX(), "Y stands in the join's column");
    assertTrue(above.bottom() < to.y(), "Y above the join");
    List<Point> twin = p.edges().get(second.id);
    assertNotEquals(p.edges().get(first.id), twin);
    assertEquals(to.x(), twin.get(twin.size() - 1).x(), "into the join's left corner: " + twin);
    assertEquals(to.centerY(), twin.get(twin.size() - 1).y(), "into the join's left corner: " + twin);
    for (Map.Entry<String, Bounds> s : p.shapes().entrySet()) {
      if (!s.getKey().equals(split.id) && !s.getKey().equals(join.id)) {
        assertTrue(clear(twin, s.getValue()), "the twin " + twin + " runs through " + s.getKey());
      }
    }
  }

  /**
   * The flow out of an event on an activity's top edge (its third boundary event) into a gateway a row lower, whose
   * column is clear above it, enters the gateway's top corner: it does not come down the gap before the gateway's
   * column, beside the activity's bottom edge, where the names of the activity's other events are written.
   */
  @Test
  void aTopEdgeEventsFlowIntoALowerGatewayEntersItsTopCorner() {
    ProcessGraph g = new ProcessGraph("T");
    Node start = g.add(Type.START_EVENT, "Start");
    Node a = g.add(Type.SERVICE_TASK, "A");
    Node t = g.add(Type.USER_TASK, "T");
    Node join = g.add(Type.EXCLUSIVE_GATEWAY, "");
    Node end = g.add(Type.END_EVENT, "Done");
    g.flow(start.id, a.id, "", Optional.empty());
    Flow top = null;
    for (String name : List.of("One", "Two", "Three")) {
      Node b = g.add(Type.BOUNDARY_EVENT, name);
      b.attachedTo = Optional.of(a.id);
      top = g.flow(b.id, join.id, "", Optional.empty());
    }
    g.flow(a.id, t.id, "", Optional.empty());
    g.flow(t.id, join.id, "", Optional.empty());
    g.flow(join.id, end.id, "", Optional.empty());
    Placement p = Layout.place(g, 0, 0);
    Bounds host = p.shapes().get(a.id);
    Bounds to = p.shapes().get(join.id);
    List<Point> line = p.edges().get(top.id);
    assertTrue(p.shapes().get(top.source).y() < host.y(), "the third event is on the top edge");
    assertTrue(to.y() > host.bottom(), "the gateway is a row lower");
    assertEquals(new Point(to.centerX(), to.y()), line.get(line.size() - 1), "into the top corner: " + line);
    // A is in the pool's first row: the row has room above for the event, the line out of it and its name (they
    // stuck out of the pool: the line turned at y -17).
    for (Point q : line) {
      assertTrue(q.y() > p.pool().y(), "the line out of the top edge stays in the pool: " + line);
    }
    assertTrue(p.labels().get(top.source).y() > p.pool().y(), "its name too: " + p.labels().get(top.source));
    for (Map.Entry<String, Bounds> s : p.shapes().entrySet()) {
      if (!s.getKey().equals(top.source) && !s.getKey().equals(join.id)) {
        assertTrue(clear(line, s.getValue()), line + " runs through " + s.getKey());
      }
    }
  }

  @Test
  void aNameOnTwoLinesIsAsNarrowAsItsWordsAllow() {
    assertEquals(new Bounds(0, 0, 34, 28), Layout.twoLines("Undo s 20"), "Undo / s 20");
    assertEquals(new Bounds(0, 0, 46, 28), Layout.twoLines("1d passed"), "1d / passed");
    assertEquals(Layout.labelBox("Fails", 0, 0, 10), Layout.twoLines("Fails"), "one word: one line");
  }

  /**
   * Two named events on an activity's bottom edge: the flows out of them turn far enough below that each name fits
   * between its event and those lines, right beside it (before, the name of the right one went past the gap after the
   * activity, out of the way of the line under it).
   */
  @Test
  void twoBottomEventsNamesFitBetweenThemAndTheirLines() {
    ProcessGraph g = new ProcessGraph("T");
    Node start = g.add(Type.START_EVENT, "Start");
    Node a = g.add(Type.SERVICE_TASK, "A");
    Node t = g.add(Type.USER_TASK, "T");
    Node join = g.add(Type.EXCLUSIVE_GATEWAY, "");
    Node end = g.add(Type.END_EVENT, "Done");
    g.flow(start.id, a.id, "", Optional.empty());
    List<Node> events = new ArrayList<>();
    for (String name : List.of("One", "Two")) {
      Node b = g.add(Type.BOUNDARY_EVENT, name);
      b.attachedTo = Optional.of(a.id);
      g.flow(b.id, join.id, "", Optional.empty());
      events.add(b);
    }
    g.flow(a.id, t.id, "", Optional.empty());
    g.flow(t.id, join.id, "", Optional.empty());
    g.flow(join.id, end.id, "", Optional.empty());
    Placement p = Layout.place(g, 0, 0);
    Bounds host = p.shapes().get(a.id);
    for (Node b : events) {
      Bounds e = p.shapes().get(b.id);
      Bounds label = p.labels().get(b.id);
      assertTrue(e.y() > host.y(), "on the bottom edge");
      assertTrue(label.y() >= e.bottom() && label.y() <= e.bottom() + 2 && label.x() < e.right() + 2
          && label.right() > e.x() - 2, b.name + "'s name " + label + " right below its event " + e);
      for (List<Point> line : p.edges().values()) {
        List<double[]> points = line.stream().map(q -> new double[] {q.x(), q.y()}).toList();
        assertFalse(BpmnStructure.touches(points, new BpmnStructure.Box(label.x(), label.y(), label.width(),
            label.height())), line + " touches the name " + label);
      }
    }
  }

  /**
   * The corner of BillingAndCollections' "Call Charge card": two events with long one-word names on the bottom edge, a
   * third on the top edge, all into a join a column right and a row down, a step right of the activity above the join
   * and a step right under the activity. No place near the right event is clear (the line of the top event comes down
   * the gap after the activity, the step below is 40 px under it): its row gets room below, and the name is written
   * at most 16 px from it, touching no line and no shape (it was 62 px off, under the step right of the activity, then 22
   * px, under the turn of the line out of its event): the line of an event on the bottom edge turns 6 px below it and
   * the name is written under that line.
   */
  @Test
  void aCrowdedCornerGetsRoomAndEveryNameStaysNearItsEvent() {
    ProcessGraph g = new ProcessGraph("T");
    Node start = g.add(Type.START_EVENT, "Start");
    Node split = g.add(Type.EXCLUSIVE_GATEWAY, "Card?");
    Node a = g.add(Type.CALL_ACTIVITY, "Charge card");
    Node below = g.add(Type.USER_TASK, "Below");
    Node right = g.add(Type.USER_TASK, "Right");
    Node join = g.add(Type.EXCLUSIVE_GATEWAY, "");
    Node end = g.add(Type.END_EVENT, "Done");
    Node failed = g.add(Type.END_EVENT, "Failed");
    g.flow(start.id, split.id, "", Optional.empty());
    g.flow(split.id, a.id, "yes", Optional.of("yes"));
    g.flow(split.id, below.id, "no", Optional.of("no"));
    List<Node> events = new ArrayList<>();
    for (String name : List.of("OverCardLimit", "CardDeclined", "Fails")) {
      Node b = g.add(Type.BOUNDARY_EVENT, name);
      b.attachedTo = Optional.of(a.id);
      g.flow(b.id, join.id, "", Optional.empty());
      events.add(b);
    }
    g.flow(a.id, right.id, "", Optional.empty());
    g.flow(below.id, join.id, "", Optional.empty());
    g.flow(right.id, end.id, "", Optional.empty());
    g.flow(join.id, failed.id, "", Optional.empty());
    Placement p = Layout.place(g, 0, 0);
    Bounds host = p.shapes().get(a.id);
    assertEquals(host.centerX(), p.shapes().get(below.id).centerX(), "a step right under the activity");
    assertTrue(p.shapes().get(below.id).y() >= host.bottom() + 60, "room below the row: " + p.shapes().get(below.id));
    assertTrue(g.flows().stream().filter(f -> f.source.equals(events.get(1).id)).map(f -> p.edges().get(f.id))
        .anyMatch(line -> line.get(1).y() == p.shapes().get(events.get(1).id).bottom() + 6),
        "CardDeclined's line turns 6 px below it");
    for (Node b : events) {
      Bounds e = p.shapes().get(b.id);
      Bounds label = p.labels().get(b.id);
      double dx = Math.max(0, Math.max(label.x() - e.right(), e.x() - label.right()));
      double dy = Math.max(0, Math.max(label.y() - e.bottom(), e.y() - label.bottom()));
      assertTrue(Math.hypot(dx, dy) <= 16, b.name + "'s name " + label + " near its event " + e);
      BpmnStructure.Box box = new BpmnStructure.Box(label.x(), label.y(), label.width(), label.height());
      for (List<Point> line : p.edges().values()) {
        List<double[]> points = line.stream().map(q -> new double[] {q.x(), q.y()}).toList();
        assertFalse(BpmnStructure.touches(points, box), line + " touches the name " + label);
      }
      for (Bounds s : p.shapes().values()) {
        assertFalse(box.overlaps(new BpmnStructure.Box(s.x(), s.y(), s.width(), s.height())), label + " covers " + s);
      }
    }
  }

  /** Whether no segment of the line enters the box's inside. */
  private static boolean clear(List<Point> line, Bounds b) {
    for (int i = 0; i + 1 < line.size(); i++) {
      Point p = line.get(i);
      Point q = line.get(i + 1);
      if (Math.min(p.x(), q.x()) < b.right() && Math.max(p.x(), q.x()) > b.x()
          && Math.min(p.y(), q.y()) < b.bottom() && Math.max(p.y(), q.y()) > b.y()) {
        return false;
      }
    }
    return true;
  }
}
